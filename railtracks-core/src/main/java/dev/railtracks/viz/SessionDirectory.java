package dev.railtracks.viz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;

/**
 * A directory of saved session files ({@code {name}_{sessionId}.json} or {@code {sessionId}.json}, as a
 * {@code Session} writes them on close): lists them for the visualiser and finds one by session id. Only the files
 * directly in the directory are read, never a path built from a request. Thread-safe; summaries are cached per file
 * until it changes.
 */
public final class SessionDirectory {

	private static final Logger logger = LoggerFactory.getLogger(SessionDirectory.class);

	private static final String SUFFIX = ".json";

	/** Why a file is not a session, as the list and the visualiser's answers say it. */
	static final String EMPTY = "the file is empty";

	static final String NOT_AN_OBJECT = "the JSON is not an object";

	static final String NO_SESSION_ID = "it has no session_id";

	private static final String NOT_A_SESSION = "Not a Railtracks session file: ";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path directory;

	private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

	/**
	 * The saved sessions in a directory, which need not exist yet.
	 * @param directory the directory, for example {@code .railtracks/data/sessions}
	 */
	public SessionDirectory(Path directory) {
		this.directory = directory;
	}

	/**
	 * The directory read.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Whether a string can be a session id: 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with
	 * a letter or digit. Anything else (a path such as {@code ../../etc/passwd}) never names a session.
	 * @param sessionId the candidate
	 * @return {@code true} when it has the shape of a session id
	 */
	public static boolean isSessionId(String sessionId) {
		return ExecutorConfig.isRunIdentifier(sessionId);
	}

	/** What is wrong with an id that {@link #isSessionId} refuses. */
	static String invalidId(String sessionId) {
		return "Invalid session id '" + sessionId
				+ "': a session id is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";
	}

	/**
	 * Every saved session, newest first. A file that cannot be read as a session (half-written, not JSON, not a
	 * session) is listed with an {@link SessionSummary#error() error} instead of being dropped, so the user sees why.
	 * An absent directory has no sessions.
	 * @return the summaries
	 * @throws IOException when the directory exists but cannot be listed
	 */
	public List<SessionSummary> list() throws IOException {
		List<SessionSummary> summaries = new ArrayList<>();
		List<Path> seen = new ArrayList<>();
		for (Path file : files()) {
			seen.add(file);
			summary(file).ifPresent(summaries::add);
		}
		this.cache.keySet().retainAll(seen);
		summaries.sort(Comparator.comparing((SessionSummary summary) -> (summary.startTime() != null)
				? summary.startTime() : Double.NEGATIVE_INFINITY).reversed());
		return summaries;
	}

	/**
	 * The file of a session: a {@code {sessionId}.json} or {@code {name}_{sessionId}.json} whose content has that
	 * session id (the newest if several do). When only an unreadable file has a matching name, that file is returned,
	 * so the caller can report what is wrong with it.
	 * @param sessionId the session id
	 * @return the file, or empty when no file is that session's
	 * @throws IllegalArgumentException when {@code sessionId} does not have the shape of a session id
	 * @throws IOException when the directory exists but cannot be listed
	 */
	public Optional<Path> find(String sessionId) throws IOException {
		if (!isSessionId(sessionId)) {
			throw new IllegalArgumentException(invalidId(sessionId));
		}
		Path newest = null;
		double newestStart = Double.NEGATIVE_INFINITY;
		Path unreadable = null;
		for (Path file : files()) {
			String name = file.getFileName().toString();
			if (!name.equals(sessionId + SUFFIX) && !name.endsWith("_" + sessionId + SUFFIX)) {
				continue;
			}
			SessionSummary summary = summary(file).orElse(null);
			if (summary == null) {
				continue;
			}
			if (summary.error() != null) {
				unreadable = file;
			}
			// "x_a_b.json" also ends with "_b.json": only a file whose content is session b is session b's.
			else if (sessionId.equals(summary.sessionId())) {
				double start = (summary.startTime() != null) ? summary.startTime() : Double.NEGATIVE_INFINITY;
				if (newest == null || start > newestStart) {
					newest = file;
					newestStart = start;
				}
			}
		}
		return Optional.ofNullable((newest != null) ? newest : unreadable);
	}

	private List<Path> files() throws IOException {
		List<Path> files = new ArrayList<>();
		if (!Files.isDirectory(this.directory)) {
			return files;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory, "*" + SUFFIX)) {
			for (Path file : stream) {
				// Hidden files include a session's temporary file while it is being saved.
				if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
					files.add(file);
				}
			}
		}
		return files;
	}

	private Optional<SessionSummary> summary(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(unreadable(file, "unknown", "cannot be read: " + ex.getMessage()));
		}
		String revision = attributes.lastModifiedTime().toMillis() + "-" + attributes.size();
		Cached cached = this.cache.get(file);
		if (cached != null && cached.revision.equals(revision)) {
			return Optional.of(cached.summary);
		}
		SessionSummary summary = read(file, revision);
		this.cache.put(file, new Cached(revision, summary));
		return Optional.of(summary);
	}

	private static SessionSummary read(Path file, String revision) {
		try (InputStream in = Files.newInputStream(file); JsonParser json = JSON.createParser(in)) {
			return readEnvelope(json, file, revision);
		}
		catch (NoSuchFileException ex) {
			return unreadable(file, revision, "was deleted while being read");
		}
		catch (JacksonException ex) {
			logger.warn("Saved session file {} is not valid JSON: {}", file, describe(ex));
			return unreadable(file, revision, "Invalid JSON: " + describe(ex));
		}
		catch (IOException ex) {
			return unreadable(file, revision, "cannot be read: " + ex.getMessage());
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

	private static SessionSummary readEnvelope(JsonParser json, Path file, String revision) {
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
		return new SessionSummary(flowName, flowId, sessionId, sessionName, startTime, endTime, runs, nodes, SessionSummary.SAVED,
				file.getFileName().toString(), revision, null);
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

	private static SessionSummary unreadable(Path file, String revision, String error) {
		String name = file.getFileName().toString();
		return new SessionSummary(null, null, null, null, null, null, List.of(), 0, SessionSummary.SAVED, name, revision,
				name + ": " + error);
	}

	private record Cached(String revision, SessionSummary summary) {
	}

}
