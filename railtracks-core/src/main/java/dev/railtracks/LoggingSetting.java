package dev.railtracks;

/**
 * Which engine events a session logs through SLF4J (logger {@code dev.railtracks.Session}) and to its
 * {@link ExecutorConfig#logFile() log file}.
 */
public enum LoggingSetting {

	/** Every event, including each published message at DEBUG. */
	VERBOSE,

	/** Node creations ("X CREATED Y"), completions ("Y DONE") and failures ("Y FAILED"). */
	REGULAR,

	/** Only warnings and failures. */
	QUIET,

	/** Nothing. */
	NONE;

	/**
	 * Whether an event at this SLF4J level is logged under this setting.
	 * @param level the event's level
	 * @return {@code true} when it is logged
	 */
	public boolean logs(org.slf4j.event.Level level) {
		return switch (this) {
			case VERBOSE -> true;
			case REGULAR -> level.toInt() >= org.slf4j.event.Level.INFO.toInt();
			case QUIET -> level.toInt() >= org.slf4j.event.Level.WARN.toInt();
			case NONE -> false;
		};
	}

}
