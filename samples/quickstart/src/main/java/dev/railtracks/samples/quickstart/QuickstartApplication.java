package dev.railtracks.samples.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Node;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

import static dev.railtracks.Railtracks.broadcast;
import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.Railtracks.context;

/**
 * A plain-Java tour of Railtracks: a planner node splits a goal into steps, scores every step in parallel with a
 * function node, streams progress to a subscriber, reads a session context variable, and the session saves the
 * whole run as JSON when it closes.
 */
public final class QuickstartApplication {

	/** Scores one step: a function node (a tool) of one argument. */
	static final FunctionNode<Integer> SCORE = FunctionNode.of("score_step",
			(String step) -> step.length() * (int) context().get("weight", 1));

	/** Splits a goal into steps; a class-based node, created from the call's arguments by its constructor. */
	public static final class Planner extends Node<Map<String, Integer>> {

		private final String goal;

		public Planner(String goal) {
			this.goal = goal;
		}

		@Override
		public Map<String, Integer> invoke() {
			List<String> steps = List.of(this.goal.split("\\s*,\\s*"));
			broadcast("planning " + steps.size() + " steps");
			List<Integer> scores = callBatch(SCORE, steps);
			int total = call(FunctionNode.of("sum", (List<Integer> values) -> values.stream().mapToInt(Integer::intValue).sum()),
					scores);
			broadcast("scored, total " + total);
			return Map.of("steps", steps.size(), "total", total);
		}

	}

	private QuickstartApplication() {
	}

	/**
	 * Runs the planner in a session and returns what it recorded.
	 * @param goal comma-separated steps
	 * @param stateDirectory where the session saves its JSON
	 * @return the execution info
	 */
	static ExecutionInfo plan(String goal, Path stateDirectory) {
		ExecutorConfig config = ExecutorConfig.builder()
			.timeout(Duration.ofSeconds(30))
			.loggingSetting(LoggingSetting.REGULAR)
			.sessionName("quickstart")
			.stateDirectory(stateDirectory)
			.subscriber((item) -> System.out.println("  streamed: " + item))
			.build();
		try (Session session = new Session(config, Map.of("weight", 2))) {
			ExecutionInfo info = session.runSync(Planner.class, goal);
			System.out.println("Session " + session.identifier());
			return info;
		}
	}

	/**
	 * Runs the demo.
	 * @param args an optional goal, as comma-separated steps
	 */
	public static void main(String[] args) {
		String goal = (args.length > 0) ? String.join(" ", args) : "book flights, reserve hotel, plan museum visits";
		Path stateDirectory = Path.of(".railtracks", "data", "sessions");
		ExecutionInfo info = plan(goal, stateDirectory);
		System.out.println("Answer: " + info.answer());
		System.out.println("Recorded " + info.nodeForest().size() + " nodes, " + info.requestForest().size()
				+ " requests, " + info.allStamps().size() + " stamps");
		System.out.println("Saved state under " + stateDirectory.toAbsolutePath());
	}

}
