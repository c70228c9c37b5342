package dev.railtracks.store;

import java.util.List;

/**
 * What a {@link SessionStore} reports about one saved document, for the session's log.
 *
 * @param location where the document went (a file, a table row), logged as "Saving execution info to {location}"
 * @param warnings what the store had to change to save it (a name left out of a file name), each logged as a warning
 */
public record SavedSession(String location, List<String> warnings) {

	/**
	 * Copies the warnings.
	 * @param location where the document went
	 * @param warnings what the store had to change to save it
	 */
	public SavedSession {
		warnings = List.copyOf(warnings);
	}

	/**
	 * A document saved as it was.
	 * @param location where the document went
	 * @return the report
	 */
	public static SavedSession at(String location) {
		return new SavedSession(location, List.of());
	}

}
