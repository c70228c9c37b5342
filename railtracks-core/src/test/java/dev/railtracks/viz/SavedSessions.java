package dev.railtracks.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Session;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestNodes.CATCHER;
import static dev.railtracks.TestNodes.FAIL;
import static dev.railtracks.TestNodes.LENGTH;

/**
 * Real sessions saved to a directory, for the visualiser's tests: what a user's runs leave behind.
 */
public final class SavedSessions {

	/**
	 * Plans a trip: measures each part in parallel ({@code length} three times), then a {@code catcher} whose
	 * {@code fail} child fails with "no hotel". Six nodes, five calls between them.
	 */
	public static final FunctionNode<Integer> PLAN = FunctionNode.of("plan", (String goal) -> {
		List<Integer> lengths = callBatch(LENGTH, List.of(goal.split(",")));
		call(CATCHER, "no hotel");
		return lengths.stream().mapToInt(Integer::intValue).sum();
	});

	/** Fails the whole run: its {@code fail} child throws "card declined" and nothing catches it. */
	public static final FunctionNode<String> CHECKOUT = FunctionNode.of("checkout", (String card) -> {
		call(FAIL, "card declined");
		return "paid";
	});

	/** Calls {@code length} on as many inputs as its argument says: a fan-out of that many children. */
	public static final FunctionNode<Integer> FAN_OUT = FunctionNode.of("fan_out", (Integer children) -> {
		List<String> inputs = IntStream.range(0, children).mapToObj((i) -> "item-" + i).toList();
		return callBatch(LENGTH, inputs).size();
	});

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The id of the hand-written agent session, see {@link #copyAgentSession(Path)}. */
	public static final String AGENT_SESSION_ID = "agent-session-1";

	private SavedSessions() {
	}

	/**
	 * Runs {@link #PLAN} for "flights,hotel,museums" in a session that saves to {@code directory}.
	 * @param directory where the session saves its state
	 * @param sessionId the session's id
	 * @return the saved file
	 */
	public static Path plan(Path directory, String sessionId) {
		run(directory, sessionId, "trip", PLAN, "flights,hotel,museums");
		return directory.resolve("trip_" + sessionId + ".json");
	}

	/**
	 * The flow {@code trip_planner}, starting {@link #PLAN}, whose sessions save to {@code directory}.
	 * @param directory where its sessions save their state
	 * @return the flow; {@code run("flights,hotel,museums")} saves a session like {@link #plan}'s
	 */
	public static Flow<Integer> tripPlanner(Path directory) {
		return Flow.builder("trip_planner", PLAN)
			.config(ExecutorConfig.builder().stateDirectory(directory).loggingSetting(LoggingSetting.NONE).build())
			.build();
	}

	/**
	 * Runs {@link #CHECKOUT}, which fails, in a session that saves to {@code directory}.
	 * @param directory where the session saves its state
	 * @param sessionId the session's id
	 */
	public static void checkout(Path directory, String sessionId) {
		run(directory, sessionId, null, CHECKOUT, "4242");
	}

	/**
	 * Runs {@link #FAN_OUT} with {@code children} children in a session that saves to {@code directory}.
	 * @param directory where the session saves its state
	 * @param sessionId the session's id
	 * @param children how many children
	 */
	public static void fanOut(Path directory, String sessionId, int children) {
		run(directory, sessionId, "fan_out", FAN_OUT, children);
	}

	/**
	 * Copies the hand-written saved session of an agent (node {@code travel_agent} with two model rounds in
	 * {@code details.internals.llm_details}, and its {@code weather} tool) into a directory.
	 * @param directory the directory
	 * @return the file
	 */
	public static Path copyAgentSession(Path directory) {
		try (InputStream in = SavedSessions.class.getResourceAsStream("agent-session.json")) {
			Files.createDirectories(directory);
			Path file = directory.resolve("travel_" + AGENT_SESSION_ID + ".json");
			Files.copy(in, file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path directory, String sessionId, String name, FunctionNode<?> start, Object argument) {
		ExecutorConfig.Builder config = ExecutorConfig.builder()
			.stateDirectory(directory)
			.runIdentifier(sessionId)
			.loggingSetting(LoggingSetting.NONE);
		if (name != null) {
			config.sessionName(name);
		}
		try (Session session = new Session(config.build(), Collections.emptyMap())) {
			session.runSync(start, argument);
		}
		catch (IllegalStateException ex) {
			// CHECKOUT's failure: the session still saves what happened.
		}
	}

	/**
	 * A saved session as it was at a step: what a file written while the run was going on holds, and what the
	 * original saves when a run times out (the requests still open stay "Open", the run's end time is null).
	 * @param session the saved session
	 * @param step the last step kept
	 * @return a copy cut at that step
	 */
	public static JsonNode upToStep(JsonNode session, int step) {
		ObjectNode copy = (ObjectNode) session.deepCopy();
		for (JsonNode run : copy.path("runs")) {
			ObjectNode runObject = (ObjectNode) run;
			runObject.put("status", "Open");
			runObject.putNull("end_time");
			for (String field : new String[] { "nodes", "edges", "steps" }) {
				ArrayNode kept = JSON.createArrayNode();
				for (JsonNode item : run.path(field)) {
					JsonNode version = item;
					while (version != null && !version.isNull() && stepOf(version) > step) {
						version = version.get("parent");
					}
					if (version != null && !version.isNull()) {
						kept.add(version);
					}
				}
				runObject.set(field, kept);
			}
		}
		return copy;
	}

	private static int stepOf(JsonNode version) {
		return version.has("stamp") ? version.path("stamp").path("step").asInt() : version.path("step").asInt();
	}

	/**
	 * Copies the agent session of {@link #copyAgentSession} as the original saves it when the run times out while the
	 * agent waits for its tool: {@code travel_agent} and {@code weather} left "Open" in a finished file.
	 * @param directory the directory
	 * @param sessionId the session id to give it
	 * @return the file
	 */
	public static Path copyAgentSessionLeftOpen(Path directory, String sessionId) {
		try (InputStream in = SavedSessions.class.getResourceAsStream("agent-session.json")) {
			ObjectNode session = (ObjectNode) upToStep(JSON.readTree(in), 2);
			session.put("session_id", sessionId);
			session.path("runs").forEach((run) -> ((ObjectNode) run).put("session_id", sessionId));
			Files.createDirectories(directory);
			return Files.writeString(directory.resolve("travel_" + sessionId + ".json"), JSON.writeValueAsString(session));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
