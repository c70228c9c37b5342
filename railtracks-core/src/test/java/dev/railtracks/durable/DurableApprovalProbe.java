package dev.railtracks.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.dbos.transact.DBOS;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Railtracks;

import static dev.railtracks.middleware.Approval.requiresApproval;

/**
 * The application {@link DurableApprovalTests} runs in JVMs of its own: a durable flow {@code refunds} whose root
 * calls {@code refund}, which needs a person's approval. With {@code ask}, the JVM writes {@code asked <request id>}
 * to the executions file once the approval waits (the test kills it then); with {@code recover}, it launches DBOS,
 * which recovers the run, waits for the run's result and prints it. {@code refund} writes {@code refunded} when it
 * runs.
 *
 * <p>Arguments: JDBC URL, user, executor id, executions file, {@code ask} or {@code recover}.
 */
public final class DurableApprovalProbe {

	/** The run's idempotency key. */
	static final String KEY = "refund-run";

	private DurableApprovalProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args see the class comment
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		Path executions = Path.of(args[3]);
		NodeDefinition<String> refund = FunctionNode.of("refund", (String order) -> {
			write(executions, "refunded " + order);
			return "refunded " + order;
		}).withMiddleware(requiresApproval());
		FunctionNode<String> root = FunctionNode.of("refunds", () -> Railtracks.call(refund, "A-1"));
		HumanRequests requests = new HumanRequests();
		requests.addListener(new HumanRequests.Listener() {
			@Override
			public void requested(HumanRequest request) {
				write(executions, "asked " + request.requestId());
			}
		});
		DBOS dbos = TestDbos.create(args[0], args[1], args[2]);
		Durability durability = Durability.on(dbos);
		DurableFlow<String> flow = durability.register(Flow.builder("refunds", root)
			.config(ExecutorConfig.builder().saveState(false).humanRequests(requests).build())
			.build());
		durability.launch();
		if (args[4].equals("ask")) {
			flow.invoke(KEY);
		}
		else {
			System.out.println("RESULT " + flow.result(KEY));
		}
		dbos.shutdown();
		System.exit(0);
	}

	private static void write(Path executions, String line) {
		try {
			Files.writeString(executions, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND,
					StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
