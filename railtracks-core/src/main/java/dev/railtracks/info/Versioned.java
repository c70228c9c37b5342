package dev.railtracks.info;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One immutable version of something a session records (a node or a request): every version has the identifier of
 * what it versions, the stamp it was recorded at, and the version before it.
 *
 * @param <T> the type of the versions
 */
public interface Versioned<T extends Versioned<T>> {

	/**
	 * The identifier shared by all versions.
	 * @return the identifier
	 */
	String identifier();

	/**
	 * When this version was recorded.
	 * @return the stamp
	 */
	Stamp stamp();

	/**
	 * The previous version, or {@code null} for the first.
	 * @return the parent version
	 */
	@Nullable T parent();

	/**
	 * This version and all earlier ones, newest first.
	 * @return the versions
	 */
	@SuppressWarnings("unchecked")
	default List<T> allVersions() {
		List<T> versions = new ArrayList<>(2);
		for (T version = (T) this; version != null; version = version.parent()) {
			versions.add(version);
		}
		return versions;
	}

}
