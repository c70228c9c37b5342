package dev.railtracks.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

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

}
