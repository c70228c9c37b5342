package dev.railtracks.store;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the envelope of a saved session document (flow, session id and name, times) and summarises its runs, without
 * reading the nodes' values: what a {@link SessionStore} lists. Shared by the stores, so that every store lists a
 * document the same way.
 */
public final class SessionEnvelope {

	/** Why an empty text is not a session. */
	public static final String EMPTY = "the file is empty";

	/** Why a JSON value other than an object is not a session. */
	public static final String NOT_AN_OBJECT = "the JSON is not an object";

	/** Why an object without a session id is not a session. */
	public static final String NO_SESSION_ID = "it has no session_id";

	private static final String NOT_A_SESSION = "Not a Railtracks session file: ";

	private SessionEnvelope() {
	}

	/**
	 * Reads a document's envelope and runs. A text that is not a session document gives a summary with an
	 * {@link StoredSession#error() error} ({@code "{file}: Invalid JSON: ..."}, {@code "{file}: Not a Railtracks session
	 * file: ..."}) instead of an exception, so a list can show why.
	 * @param json a parser at the start of the document; read up to the end of the document's object
	 * @param file the file's name, for messages and the summary, or {@code null} for a store without files
	 * @param revision the document's revision
	 * @return the summary
	 */
	public static StoredSession read(JsonParser json, @Nullable String file, String revision) {
		try {
			return readEnvelope(json, file, revision);
		}
		catch (JacksonException ex) {
			return unreadable(file, revision, "Invalid JSON: " + describe(ex));
		}
	}

	/**
	 * What is wrong with a JSON text, for a user: the parser's message without its internal details, and where.
	 * @param ex what the parser threw
	 * @return for example {@code Unexpected end-of-input: expected close marker for Array (line 1, column 33)}
	 */
	public static String describe(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		int detail = message.indexOf(" (start marker at");
		if (detail > 0) {
			message = message.substring(0, detail);
		}
		return (ex.getLocation() != null) ? message + " (line " + ex.getLocation().getLineNr() + ", column "
				+ ex.getLocation().getColumnNr() + ")" : message;
	}

	/**
	 * A summary that only says why a file cannot be shown.
	 * @param file the file's name
	 * @param revision its revision
	 * @param error what is wrong with it
	 * @return the summary, its error prefixed with the file's name
	 */
	public static StoredSession unreadable(@Nullable String file, String revision, String error) {
		return new StoredSession(null, null, null, null, null, null, List.of(), 0, file, revision,
				(file != null) ? file + ": " + error : error);
	}

	private static StoredSession readEnvelope(JsonParser json, @Nullable String file, String revision) {
		JsonToken first = json.nextToken();
		if (first == null) {
			return unreadable(file, revision, "Invalid JSON: " + EMPTY);
		}
		if (first != JsonToken.START_OBJECT) {
			return unreadable(file, revision, NOT_A_SESSION + NOT_AN_OBJECT);
		}
		String flowName = null;
		String flowId = null;
		String sessionId = null;
		String sessionName = null;
		Double startTime = null;
		Double endTime = null;
		List<RunSummary> runs = new ArrayList<>();
		int nodes = 0;
		while (json.nextToken() == JsonToken.PROPERTY_NAME) {
			String property = json.currentName();
			JsonToken value = json.nextToken();
			switch (property) {
				case "flow_name" -> flowName = text(json);
				case "flow_id" -> flowId = text(json);
				case "session_id" -> sessionId = text(json);
				case "session_name" -> sessionName = text(json);
				case "start_time" -> startTime = number(json);
				case "end_time" -> endTime = number(json);
				case "runs" -> {
					if (value == JsonToken.START_ARRAY) {
						while (json.nextToken() == JsonToken.START_OBJECT) {
							nodes += readRun(json, runs);
						}
					}
					else {
						json.skipChildren();
					}
				}
				default -> json.skipChildren();
			}
		}
		if (sessionId == null) {
			return unreadable(file, revision, NOT_A_SESSION + NO_SESSION_ID);
		}
		return new StoredSession(flowName, flowId, sessionId, sessionName, startTime, endTime, runs, nodes, file,
				revision, null);
	}

	/** Reads one run object into {@code runs}; returns how many nodes it holds. */
	private static int readRun(JsonParser json, List<RunSummary> runs) {
		String runId = null;
		String name = null;
		String status = null;
		Double startTime = null;
		Double endTime = null;
		int nodes = 0;
		while (json.nextToken() == JsonToken.PROPERTY_NAME) {
			String property = json.currentName();
			JsonToken value = json.nextToken();
			switch (property) {
				case "run_id" -> runId = text(json);
				case "name" -> name = text(json);
				case "status" -> status = text(json);
				case "start_time" -> startTime = number(json);
				case "end_time" -> endTime = number(json);
				case "nodes" -> {
					if (value == JsonToken.START_ARRAY) {
						while (json.nextToken() != JsonToken.END_ARRAY) {
							json.skipChildren();
							nodes++;
						}
					}
					else {
						json.skipChildren();
					}
				}
				default -> json.skipChildren();
			}
		}
		runs.add(new RunSummary(runId, name, status, startTime, endTime));
		return nodes;
	}

	private static @Nullable String text(JsonParser json) {
		JsonToken token = json.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return json.getString();
		}
		json.skipChildren();
		return null;
	}

	private static @Nullable Double number(JsonParser json) {
		if (json.currentToken().isNumeric()) {
			return json.getDoubleValue();
		}
		json.skipChildren();
		return null;
	}

}
