package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * A versioned store: the newest version of everything it holds, by identifier, in creation order, with every earlier
 * version reachable through {@link Versioned#parent()} — what lets tools travel back to any step. Immutable.
 *
 * @param <T> the type of the versions
 */
public abstract class Forest<T extends Versioned<T>> {

	private final Map<String, T> heads;

	private final String kind;

	Forest(Map<String, T> heads, String kind) {
		this.heads = Collections.unmodifiableMap(heads);
		this.kind = kind;
	}

	/** Heads keyed by identifier, in the given order; a later head of the same id replaces an earlier one. */
	static <T extends Versioned<T>> Map<String, T> byIdentifier(Iterable<T> heads) {
		Map<String, T> byId = new LinkedHashMap<>();
		heads.forEach((head) -> byId.put(head.identifier(), head));
		return byId;
	}

	/**
	 * The newest version of an item.
	 * @param identifier the item's identifier
	 * @return its newest version
	 * @throws NoSuchElementException when the forest has no such item
	 */
	public T get(String identifier) {
		T head = this.heads.get(identifier);
		if (head == null) {
			throw new NoSuchElementException(
					"No " + this.kind + " '" + identifier + "' in this forest of " + this.heads.size() + " " + this.kind + "s");
		}
		return head;
	}

	/**
	 * Whether the forest holds an item.
	 * @param identifier the item's identifier
	 * @return {@code true} when present
	 */
	public boolean contains(String identifier) {
		return this.heads.containsKey(identifier);
	}

	/**
	 * The newest version of every item, in creation order.
	 * @return identifier to newest version
	 */
	public Map<String, T> heads() {
		return this.heads;
	}

	/**
	 * Number of items.
	 * @return the count
	 */
	public int size() {
		return this.heads.size();
	}

	/**
	 * Every version of every item.
	 * @return all versions, newest version of each item first
	 */
	public List<T> fullData() {
		List<T> all = new ArrayList<>(this.heads.size() * 2);
		this.heads.values().forEach((head) -> all.addAll(head.allVersions()));
		return all;
	}

	/**
	 * Every version recorded at or before a step.
	 * @param atStep the last step to include
	 * @return those versions, newest version of each item first
	 */
	public List<T> fullData(long atStep) {
		return fullData().stream().filter((version) -> version.stamp().step() <= atStep).toList();
	}

	/** Each item at its newest version with step at most {@code step}; items created later are left out. */
	Map<String, T> headsAt(long step) {
		Map<String, T> then = new LinkedHashMap<>();
		this.heads.forEach((identifier, head) -> {
			T version = versionAt(head, step);
			if (version != null) {
				then.put(identifier, version);
			}
		});
		return then;
	}

	private static <T extends Versioned<T>> @Nullable T versionAt(T head, long step) {
		for (T version = head; version != null; version = version.parent()) {
			if (version.stamp().step() <= step) {
				return version;
			}
		}
		return null;
	}

}
