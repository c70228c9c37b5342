package dev.railtracks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.railtracks.MiddlewareDefinition;
import dev.railtracks.Node;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.RailtracksContext;
import dev.railtracks.info.NodeType;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.middleware.NodeTimeoutException;
import dev.railtracks.support.ValueText;

/**
 * The node the engine records and runs for a call that has {@link NodeMiddleware}: it carries the request's identity
 * and details, and its {@link #invoke()} runs the middleware chain (session's outermost, then the definition's) around
 * the node created from the call. Each invocation of the node is an attempt, recorded under
 * {@value #ATTEMPTS_DETAIL} in the details and as an event on the node's observation; the details the last attempt's
 * node recorded are copied into this node's. Made only where a call has middleware, so calls without any run as before.
 */
final class InterceptedNode extends Node<Object> {

	/** The details key of the attempts: one entry per invocation of the node, empty when a middleware short-circuited. */
	static final String ATTEMPTS_DETAIL = "middleware_attempts";

	/** The node observation's low-cardinality key telling how many times the node was invoked. */
	static final String ATTEMPTS_KEY = "railtracks.node.attempts";

	/** The node observation's event for each invocation after the first. */
	static final String RETRY_EVENT = "railtracks.node.retry";

	private static final VarHandle CALLS_MADE;

	static {
		try {
			CALLS_MADE = MethodHandles.lookup().findVarHandle(InterceptedNode.class, "callsMade", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final RTState state;

	private final NodeDefinition<?> definition;

	private final Node<?> first;

	private final List<@Nullable Object> arguments;

	private final List<NodeMiddleware> chain;

	private final List<Map<String, Object>> attempts = new ArrayList<>();

	private @Nullable Thread thread;

	/**
	 * The node of the attempt in progress, or {@code null} between attempts: its details join this node's when the
	 * record reads them, so that a request ended from outside during an attempt keeps what that node recorded so far.
	 */
	private volatile @Nullable Node<?> current;

	private @Nullable LiveRequest record;

	/** The intercepted call whose node made this call, or {@code null} for a top-level call: its path continues ours. */
	private final @Nullable InterceptedNode madeBy;

	/** This call's place among the calls its caller made (or among the session's top-level calls), from 0. */
	private final int index;

	/** How many calls this node has made so far (updated through {@link #CALLS_MADE}). */
	@SuppressWarnings("unused")
	private int callsMade;

	private InterceptedNode(RTState state, NodeDefinition<?> definition, Node<?> first, @Nullable Object[] arguments,
			List<NodeMiddleware> chain) {
		this.state = state;
		this.definition = definition;
		this.first = first;
		this.arguments = Collections.<@Nullable Object>unmodifiableList(Arrays.<@Nullable Object>asList(arguments.clone()));
		this.chain = chain;
		// Made on the caller's thread when the call is made (a batch's calls in order), so the numbering follows the
		// order in which the caller's code makes its calls, whichever thread later runs them.
		Scope scope = Scope.current();
		LiveRequest caller = (scope != null && scope.state == state) ? scope.record : null;
		this.madeBy = (caller != null && caller.node instanceof InterceptedNode intercepted) ? intercepted : null;
		this.index = (this.madeBy != null) ? (int) CALLS_MADE.getAndAdd(this.madeBy, 1) : state.nextTopLevelCall();
	}

	/**
	 * The node to record and run for a call: the created node itself when neither the session nor the definition has
	 * middleware (no allocation), else one that runs the chain around it.
	 * @param state the session
	 * @param definition the called definition
	 * @param node the node created from the arguments
	 * @param args the arguments
	 * @return the node to record
	 */
	static Node<?> around(RTState state, NodeDefinition<?> definition, Node<?> node, @Nullable Object[] args) {
		List<NodeMiddleware> session = state.config.nodeMiddleware();
		if (!(definition instanceof MiddlewareDefinition<?> wrapped)) {
			return session.isEmpty() ? node : new InterceptedNode(state, definition, node, args, session);
		}
		List<NodeMiddleware> chain = new ArrayList<>(session);
		for (NodeMiddleware own : wrapped.middleware()) {
			// The same instance for the session and the definition runs once, at its (outer) session position; an equal
			// but distinct one is another middleware.
			if (session.stream().noneMatch((added) -> added == own)) {
				chain.add(own);
			}
		}
		return new InterceptedNode(state, definition, node, args, List.copyOf(chain));
	}

	@Override
	public String name() {
		return this.first.name();
	}

	@Override
	public NodeType type() {
		return this.first.type();
	}

	// NullAway: a node's result may be null (recorded as such); Node<O> declares no nullable bound
	@Override
	@SuppressWarnings("NullAway")
	public Object invoke() throws Exception {
		Scope scope = Scope.current();
		this.record = (scope != null) ? scope.record : null;
		this.thread = Thread.currentThread();
		// Recorded before and after each attempt: a run that ends meanwhile records the details as they are then.
		recordDetail(ATTEMPTS_DETAIL, List.of());
		try {
			return new Link(0, this.arguments).enter();
		}
		finally {
			Observation observation = (scope != null) ? scope.observation : null;
			if (observation != null) {
				observation.lowCardinalityKeyValue(ATTEMPTS_KEY, Integer.toString(this.attempts.size()));
			}
		}
	}

	/** Invokes the node once: the first attempt with the call's own arguments runs the node created for the call. */
	private @Nullable Object attempt(List<@Nullable Object> args) throws Exception {
		int number = this.attempts.size() + 1;
		boolean ownArguments = args.equals(this.arguments);
		Node<?> node = (number == 1 && ownArguments) ? this.first : this.definition.create(args.toArray());
		if (number > 1) {
			// Each attempt numbers its calls from 0, as the first did: a retry makes the calls at the same paths, so a
			// durable run's recovery, whichever attempt then succeeds, finds the calls it makes where they were recorded.
			CALLS_MADE.setVolatile(this, 0);
			Scope scope = Scope.current();
			if (scope != null && scope.observation != null) {
				scope.observation.event(Observation.Event.of(RETRY_EVENT, "attempt " + number + " of " + name()));
			}
		}
		Map<String, Object> attempt = new LinkedHashMap<>();
		attempt.put("attempt", number);
		attempt.put("status", "Running");
		if (!ownArguments) {
			attempt.put("arguments", args.stream().map(ValueText::of).toList());
		}
		this.attempts.add(attempt);
		// Recorded as running before the node runs: a request ended from outside meanwhile shows this attempt.
		recordAttempts();
		this.current = node;
		try {
			Object result = node.invoke();
			attempt.put("status", "Completed");
			return result;
		}
		catch (Throwable ex) {
			attempt.put("status", "Failed");
			// Its toString() is "type: message"; ValueText, so that one whose message throws stays the recorded failure.
			attempt.put("failure", ValueText.of(ex));
			throw ex;
		}
		finally {
			node.details().forEach(this::recordDetail);
			recordAttempts();
			this.current = null;
		}
	}

	/** This call's path in the run's tree of intercepted calls, e.g. {@code 0.2.1}; see {@link NodeCall#callPath()}. */
	private String callPath() {
		StringBuilder path = new StringBuilder();
		for (InterceptedNode call = this; call != null; call = call.madeBy) {
			path.insert(0, call.index);
			if (call.madeBy != null) {
				path.insert(0, '.');
			}
		}
		return path.toString();
	}

	private void recordAttempts() {
		List<Map<String, Object>> copies = new ArrayList<>(this.attempts.size());
		this.attempts.forEach((attempt) -> copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(attempt))));
		recordDetail(ATTEMPTS_DETAIL, List.copyOf(copies));
	}

	/**
	 * The details to record now: this node's, joined by those of the attempt's node in progress, if any.
	 * @return the details
	 */
	Map<String, Object> recordedDetails() {
		Map<String, Object> own = details();
		Node<?> node = this.current;
		if (node == null || node.details().isEmpty()) {
			return own;
		}
		Map<String, Object> joined = new LinkedHashMap<>(own);
		joined.putAll(node.details());
		// The attempts are this node's own record, whatever key the inner node used.
		joined.put(ATTEMPTS_DETAIL, own.get(ATTEMPTS_DETAIL));
		return Collections.unmodifiableMap(joined);
	}

	/** The call as the middleware at one position of the chain sees it. */
	private final class Link implements NodeCall {

		private final int position;

		private final List<@Nullable Object> args;

		/** What the last {@code proceed} of this middleware threw, or {@code null}. */
		private @Nullable Throwable innerFailure;

		Link(int position, List<@Nullable Object> args) {
			this.position = position;
			this.args = args;
		}

		@Nullable Object enter() throws Exception {
			if (this.position == InterceptedNode.this.chain.size()) {
				return attempt(this.args);
			}
			NodeMiddleware middleware = InterceptedNode.this.chain.get(this.position);
			try {
				return middleware.around(this);
			}
			catch (NodeTimeoutException ex) {
				// This middleware's own timeout, not one passed on from within: the calls the node left running
				// (asynchronous children, a batch's scouts) end with it, before a retry could start them again.
				LiveRequest record = InterceptedNode.this.record;
				if (ex != this.innerFailure && record != null) {
					InterceptedNode.this.state.cancelCallsUnder(record, ex);
				}
				throw ex;
			}
		}

		@Override
		public String nodeName() {
			return name();
		}

		@Override
		public NodeType nodeType() {
			return type();
		}

		@Override
		public NodeDefinition<?> definition() {
			return InterceptedNode.this.definition;
		}

		@Override
		public Node<?> node() {
			return InterceptedNode.this.first;
		}

		@Override
		public List<@Nullable Object> arguments() {
			return this.args;
		}

		@Override
		public String sessionId() {
			return InterceptedNode.this.state.sessionId;
		}

		@Override
		public RailtracksContext context() {
			return InterceptedNode.this.state.context();
		}

		@Override
		public @Nullable RequestTemplate caller() {
			LiveRequest record = InterceptedNode.this.record;
			return (record != null && record.caller != null) ? record.caller.head() : null;
		}

		@Override
		public String callPath() {
			return InterceptedNode.this.callPath();
		}

		@Override
		public void recordDetail(String key, @Nullable Object value) {
			InterceptedNode.this.recordDetail(key, value);
		}

		@Override
		public int attempts() {
			return InterceptedNode.this.attempts.size();
		}

		@Override
		public boolean runEnded() {
			LiveRequest record = InterceptedNode.this.record;
			return record != null && record.endedWith() != null;
		}

		@Override
		public @Nullable Object proceed() throws Exception {
			return next(this.args);
		}

		@Override
		public @Nullable Object proceed(@Nullable Object... arguments) throws Exception {
			if (arguments == null) {
				throw new NodeCreationException("Arguments of '" + name() + "' must be an array, not null");
			}
			return next(Collections.<@Nullable Object>unmodifiableList(Arrays.<@Nullable Object>asList(arguments.clone())));
		}

		private @Nullable Object next(List<@Nullable Object> arguments) throws Exception {
			if (Thread.currentThread() != InterceptedNode.this.thread) {
				throw new IllegalStateException("Middleware of node '" + name() + "' called proceed() on thread '"
						+ Thread.currentThread().getName() + "': call it on the node's thread, which carries its scope");
			}
			try {
				return new Link(this.position + 1, arguments).enter();
			}
			catch (Throwable ex) {
				this.innerFailure = ex;
				throw ex;
			}
		}

		@Override
		public String toString() {
			return "NodeCall[" + name() + ", " + this.args + "]";
		}

	}

}
