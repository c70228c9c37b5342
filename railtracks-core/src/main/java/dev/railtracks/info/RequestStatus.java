package dev.railtracks.info;

/**
 * Where a request stands. Kept explicitly, so a node that returns {@code null} is {@link #COMPLETED}, not open.
 */
public enum RequestStatus {

	/** Created, not finished. */
	OPEN("Open"),

	/** Finished with a result (possibly {@code null}). */
	COMPLETED("Completed"),

	/** Finished with a failure, or cancelled. */
	FAILED("Failed");

	private final String jsonName;

	RequestStatus(String jsonName) {
		this.jsonName = jsonName;
	}

	/**
	 * The name used in the saved state.
	 * @return {@code "Open"}, {@code "Completed"} or {@code "Failed"}
	 */
	public String jsonName() {
		return this.jsonName;
	}

}
