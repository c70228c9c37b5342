package dev.railtracks.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

import dev.dbos.transact.DBOS;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;

/**
 * The application {@link DurableCrashTests} runs in JVMs of its own: a durable flow {@code steps} whose root calls
 * {@code step1}, {@code step2} (which calls {@code step2a}) and {@code step3}, each appending its name to a file when
 * it runs. With {@code block}, {@code step3} blocks forever (the test kills the JVM there); with {@code recover}, the
 * JVM launches DBOS, which recovers the run, waits for the run's result and prints it.
 *
 * <p>Arguments: JDBC URL, user, executor id, executions file, state directory, {@code block} or {@code recover}.
 */
public final class DurableCrashProbe {

	/** The run's idempotency key. */
	public static final String KEY = "crash-run";

	private DurableCrashProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args see the class comment
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		boolean block = args[5].equals("block");
		DBOS dbos = TestDbos.create(args[0], args[1], args[2]);
		Durability durability = Durability.on(dbos);
		DurableFlow<String> flow = durability.register(flow(Path.of(args[3]), Path.of(args[4]), block));
		durability.launch();
		if (block) {
			flow.invoke(KEY);
		}
		else {
			System.out.println("RESULT " + flow.result(KEY));
		}
		dbos.shutdown();
		System.exit(0);
	}

	/**
	 * The probe's flow {@code steps}, saving its sessions in a directory (also for the tests that recover its run in a
	 * JVM of their own).
	 * @param executions the file each node appends its name to when it runs
	 * @param states the state directory
	 * @param block whether {@code step3} blocks forever
	 * @return the flow
	 */
	public static Flow<String> flow(Path executions, Path states, boolean block) {
		FunctionNode<String> step1 = FunctionNode.of("step1", () -> ran(executions, "step1", "one"));
		FunctionNode<String> step2a = FunctionNode.of("step2a", () -> ran(executions, "step2a", "two-a"));
		FunctionNode<String> step2 = FunctionNode.of("step2",
				() -> ran(executions, "step2", "two+" + Railtracks.call(step2a)));
		FunctionNode<String> step3 = FunctionNode.of("step3", () -> {
			ran(executions, "step3", "three");
			if (block) {
				new CountDownLatch(1).await();
			}
			return "three";
		});
		FunctionNode<String> root = FunctionNode.of("steps", () -> {
			ran(executions, "steps", "");
			return String.join(",", Railtracks.call(step1), Railtracks.call(step2), Railtracks.call(step3));
		});
		return Flow.builder("steps", root).config(ExecutorConfig.builder().stateDirectory(states).build()).build();
	}

	private static String ran(Path executions, String node, String result) {
		try {
			Files.writeString(executions, node + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND,
					StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return result;
	}

}
