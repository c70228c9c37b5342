package dev.railtracks;

import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;


/**
 * The calls a node makes: run other nodes, broadcast, and use the session's context. Static-import them:
 *
 * <pre>{@code
 * import static dev.railtracks.Railtracks.*;
 *
 * class Planner extends Node<List<Integer>> {
 *     public List<Integer> invoke() {
 *         int first = call(countChars, "hello");
 *         List<Integer> all = callBatch(countChars, List.of("a", "bb", "ccc"));
 *         broadcast("planned " + all.size());
 *         return all;
 *     }
 * }
 * }</pre>
 *
 * <p>Inside a node, calls belong to the node's session and are recorded as requests from that node. Outside any
 * node, a call is a top-level call of the session open on the current thread (the most recently created one that is
 * not closed), or, with no session at all, runs in a fresh default session that is closed afterwards.
 */
public final class Railtracks {

	private Railtracks() {
	}

	/**
	 * Calls a node and waits for its result.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param args its arguments
	 * @return the node's result
	 * @throws NodeCreationException when the arguments don't fit the node
	 * @throws RuntimeException the node's failure: the very exception when unchecked, a
	 * {@link NodeInvocationException} around a checked one
	 */
	public static <O> O call(NodeDefinition<O> node, @Nullable Object... args) {
		return Engines.ENGINE.call(node, args);
	}

	/**
	 * Calls a node class and waits for its result; see {@link #call(NodeDefinition, Object...)}.
	 * @param <O> the result type
	 * @param node the node class
	 * @param args its arguments
	 * @return the node's result
	 */
	public static <O> O call(Class<? extends Node<O>> node, @Nullable Object... args) {
		return call(NodeDefinition.of(node), args);
	}

	/**
	 * Calls a node without waiting: it runs on its own thread.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param args its arguments
	 * @return completes with the result, or exceptionally with the node's own failure
	 * @throws NodeCreationException when the arguments don't fit the node
	 */
	public static <O> CompletableFuture<O> callAsync(NodeDefinition<O> node, @Nullable Object... args) {
		return Engines.ENGINE.callAsync(node, args);
	}

	/**
	 * Calls a node class without waiting; see {@link #callAsync(NodeDefinition, Object...)}.
	 * @param <O> the result type
	 * @param node the node class
	 * @param args its arguments
	 * @return completes with the result
	 */
	public static <O> CompletableFuture<O> callAsync(Class<? extends Node<O>> node, @Nullable Object... args) {
		return callAsync(NodeDefinition.of(node), args);
	}

	/**
	 * Calls a node once per input, in parallel, each input being the single argument of one call.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param inputs one argument per call
	 * @return the results, in input order
	 * @throws NodeCreationException when an input doesn't fit the node; then no call is made
	 * @throws RuntimeException the failure of the first failed call in input order, after all calls finished
	 */
	public static <O> List<O> callBatch(NodeDefinition<O> node, Iterable<?> inputs) {
		return Engines.ENGINE.callBatch(node, single("callBatch", inputs));
	}

	/**
	 * Calls a node once per position of several input sequences, in parallel: call {@code i} gets the {@code i}-th
	 * element of each sequence as its arguments. The shortest sequence decides the number of calls.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param first the first argument of each call
	 * @param more the further arguments of each call
	 * @return the results, in input order
	 * @throws RuntimeException the failure of the first failed call in input order, after all calls finished
	 */
	public static <O> List<O> callBatch(NodeDefinition<O> node, Iterable<?> first, Iterable<?>... more) {
		return Engines.ENGINE.callBatch(node, zipped("callBatch", first, more));
	}

	/**
	 * Calls a node once per input, in parallel, like {@link #callBatch(NodeDefinition, Iterable)}, and returns every
	 * call's outcome in input order, failures as values: one failed call never costs the results of the others. This
	 * is what the original's {@code call_batch} returns by default.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param inputs one argument per call
	 * @return one outcome per input, in input order, once all calls finished
	 * @throws NodeCreationException when an input doesn't fit the node; then no call is made
	 */
	public static <O> List<Outcome<O>> callBatchOutcomes(NodeDefinition<O> node, Iterable<?> inputs) {
		return Engines.ENGINE.callBatchOutcomes(node, single("callBatchOutcomes", inputs));
	}

	/**
	 * Calls a node once per position of several input sequences, like
	 * {@link #callBatch(NodeDefinition, Iterable, Iterable...)}, and returns every call's outcome in input order.
	 * @param <O> the result type
	 * @param node the node to call
	 * @param first the first argument of each call
	 * @param more the further arguments of each call
	 * @return one outcome per position, in input order, once all calls finished
	 * @throws NodeCreationException when an input doesn't fit the node; then no call is made
	 */
	public static <O> List<Outcome<O>> callBatchOutcomes(NodeDefinition<O> node, Iterable<?> first,
			Iterable<?>... more) {
		return Engines.ENGINE.callBatchOutcomes(node, zipped("callBatchOutcomes", first, more));
	}

	/**
	 * Sends an item to the session's subscribers ({@link ExecutorConfig#subscriber()} and every
	 * {@link dev.railtracks.pubsub.RTPublisher} subscriber). Inside a node, subscribers have the item before the
	 * node's caller gets the node's result.
	 * @param item the item
	 * @throws ContextException outside a session
	 */
	public static void broadcast(@Nullable Object item) {
		Engines.ENGINE.broadcast(item);
	}

	/**
	 * The current session's context variables.
	 * @return the context
	 * @throws ContextException outside a session
	 */
	public static RailtracksContext context() {
		return Engines.ENGINE.context();
	}

	/**
	 * The current session's identifier.
	 * @return the session id
	 * @throws ContextException outside a session
	 */
	public static String sessionId() {
		return Engines.ENGINE.context().sessionId();
	}

	/**
	 * The current session's configuration, for nodes whose behaviour follows it (agents read
	 * {@link ExecutorConfig#promptInjection()}, {@link ExecutorConfig#endOnError()} and the observation registry).
	 * @return the configuration
	 * @throws ContextException outside a session
	 */
	public static ExecutorConfig config() {
		return Engines.ENGINE.config();
	}

	/**
	 * Asks a person a question and waits for the answer, recorded as a Human node (see {@link HumanRequests} for
	 * listing and answering). In a plain session the run waits in memory, and the session's own timeout still applies:
	 * when it is shorter, it wins and ends the run. In a durable flow the wait is durable: the JVM may stop, and an
	 * answer given later, to any instance, resumes the run (see {@code dev.railtracks.durable}).
	 *
	 * <pre>{@code
	 * String dates = askHuman("Which dates?", String.class, Duration.ofHours(2));
	 * }</pre>
	 * @param <T> the answer's type
	 * @param question what the person reads
	 * @param answerType the type the answer must have (a primitive type means its wrapper)
	 * @param timeout how long to wait at most, positive
	 * @return the answer
	 * @throws HumanTimeoutException when nobody answered within the timeout
	 * @throws IllegalArgumentException when an argument is {@code null} or the timeout is not positive
	 */
	@SuppressWarnings({ "unchecked", "NullAway" })
	public static <T> T askHuman(String question, Class<T> answerType, Duration timeout) {
		if (question == null || answerType == null) {
			throw new IllegalArgumentException("askHuman needs a question and an answer type, got (" + question + ", "
					+ answerType + ")");
		}
		Class<?> boxed = MethodType.methodType(answerType).wrap().returnType();
		return (T) call(new HumanNode.Definition(boxed), HumanRequest.Kind.QUESTION.name(), question,
				positive(timeout), "askHuman", List.of());
	}

	/**
	 * Asks a person to approve a call and waits for the decision, recorded as a Human node; what
	 * {@link dev.railtracks.middleware.Approval} does before a call that needs approval. An approval nobody gives
	 * within the timeout is a decline.
	 * @param why why the call needs approval, as the person reads it
	 * @param subject the node whose call is to be approved
	 * @param arguments the call's arguments
	 * @param timeout how long to wait at most, positive
	 * @return the decision
	 * @throws IllegalArgumentException when an argument is {@code null} or the timeout is not positive
	 */
	public static ApprovalDecision askApproval(String why, String subject, List<? extends @Nullable Object> arguments,
			Duration timeout) {
		if (why == null || subject == null || arguments == null) {
			throw new IllegalArgumentException("askApproval needs a reason, a subject and arguments, got (" + why
					+ ", " + subject + ", " + arguments + ")");
		}
		ApprovalDecision decision = (ApprovalDecision) call(new HumanNode.Definition(ApprovalDecision.class),
				HumanRequest.Kind.APPROVAL.name(), why, positive(timeout), subject, new ArrayList<>(arguments));
		if (decision == null) {
			throw new IllegalStateException("An approval of '" + subject + "' was answered with no decision");
		}
		return decision;
	}

	private static Duration positive(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout of a question for a person must be positive, got "
					+ timeout);
		}
		return timeout;
	}

	private static List<@Nullable Object[]> single(String method, Iterable<?> inputs) {
		if (inputs == null) {
			throw new IllegalArgumentException(method + " inputs must not be null");
		}
		List<@Nullable Object[]> argumentLists = new ArrayList<>();
		for (Object input : inputs) {
			argumentLists.add(new Object[] { input });
		}
		return argumentLists;
	}

	private static List<@Nullable Object[]> zipped(String method, Iterable<?> first, Iterable<?>[] more) {
		if (first == null || more == null || Arrays.asList(more).contains(null)) {
			throw new IllegalArgumentException(method + " input sequences must not be null");
		}
		List<Iterator<?>> columns = new ArrayList<>();
		columns.add(first.iterator());
		for (Iterable<?> column : more) {
			columns.add(column.iterator());
		}
		List<@Nullable Object[]> argumentLists = new ArrayList<>();
		while (columns.stream().allMatch(Iterator::hasNext)) {
			argumentLists.add(columns.stream().map(Iterator::next).toArray());
		}
		return argumentLists;
	}

}
