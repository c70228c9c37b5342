package dev.railtracks.store;

import java.util.regex.Pattern;

/**
 * The shape of a session id that a {@link SessionStore} accepts when opening a session: 1 to 128 letters, digits,
 * {@code .}, {@code _} or {@code -}, starting with a letter or digit. Anything else (a path such as
 * {@code ../../etc/passwd}, a quote, SQL) never names a session and is refused before any file or table is touched.
 */
public final class SessionIds {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private SessionIds() {
	}

	/**
	 * Whether a string can be a session id.
	 * @param sessionId the candidate
	 * @return {@code true} when it has the shape of a session id
	 */
	public static boolean isValid(String sessionId) {
		return SHAPE.matcher(sessionId).matches();
	}

	/**
	 * Refuses a string that cannot be a session id.
	 * @param sessionId the candidate
	 * @return the session id
	 * @throws IllegalArgumentException naming the id and the expected shape when it is not one
	 */
	public static String require(String sessionId) {
		if (!isValid(sessionId)) {
			throw new IllegalArgumentException(invalid(sessionId));
		}
		return sessionId;
	}

	/**
	 * What is wrong with an id that {@link #isValid} refuses.
	 * @param sessionId the refused id
	 * @return the message
	 */
	public static String invalid(String sessionId) {
		return "Invalid session id '" + sessionId
				+ "': a session id is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";
	}

}
