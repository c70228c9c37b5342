package dev.railtracks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A named, reusable entry point: a start node bound to run options (context, timeout, end on error, subscriber,
 * saving state and the rest of an {@link ExecutorConfig}), as the original's {@code Flow}. Every invocation runs in
 * a new session of its own, closed (and saved) before the invocation returns; the session writes the flow's
 * {@link #name()} and {@link #id()} as {@code flow_name} and {@code flow_id} in its saved envelope and names its file
 * {@code {flow name}_{session id}.json}.
 *
 * <pre>{@code
 * Flow<Plan> planner = Flow.builder("planner", PLAN)
 *     .timeout(Duration.ofSeconds(30))
 *     .context(Map.of("user", "alice"))
 *     .build();
 * Plan plan = planner.invoke("a trip to Lisbon");           // typed result
 * FlowRun<Plan> run = planner.run("a trip to Porto");       // result and the run's ExecutionInfo
 * CompletableFuture<Plan> later = planner.invokeAsync("x"); // on the config's execution strategy
 * }</pre>
 *
 * <p>A flow is immutable and safe to share between threads; concurrent invocations are isolated from each other.
 *
 * @param <O> the entry point's result type
 */
public final class Flow<O> {

	private final String name;

	private final String id;

	private final NodeDefinition<O> entryPoint;

	private final ExecutorConfig config;

	private final Map<String, Object> context;

	/** Whether the flow is marked durable: it then runs through its {@code DurableFlow} only. */
	private final boolean durable;

	private Flow(String name, NodeDefinition<O> entryPoint, ExecutorConfig config, Map<String, Object> context,
			boolean durable) {
		this.name = name;
		this.id = idOf(name);
		this.entryPoint = entryPoint;
		this.config = config;
		this.context = context;
		this.durable = durable;
	}

	/**
	 * A flow with the default run options.
	 * @param <O> the entry point's result type
	 * @param name the flow's name, not blank
	 * @param entryPoint the start node
	 * @return the flow
	 */
	public static <O> Flow<O> of(String name, NodeDefinition<O> entryPoint) {
		return builder(name, entryPoint).build();
	}

	/**
	 * A flow of a node class with the default run options.
	 * @param <O> the entry point's result type
	 * @param name the flow's name, not blank
	 * @param entryPoint the start node class
	 * @return the flow
	 */
	public static <O> Flow<O> of(String name, Class<? extends Node<O>> entryPoint) {
		return of(name, NodeDefinition.of(entryPoint));
	}

	/**
	 * A builder of a flow.
	 * @param <O> the entry point's result type
	 * @param name the flow's name, not blank
	 * @param entryPoint the start node
	 * @return the builder
	 * @throws IllegalArgumentException when the name is blank or the entry point is {@code null}
	 */
	public static <O> Builder<O> builder(String name, NodeDefinition<O> entryPoint) {
		return new Builder<>(name, entryPoint);
	}

	/**
	 * Runs the entry point in a new session and returns its result; the session is closed (and saved) first.
	 * @param args the entry point's arguments
	 * @return the entry point's result
	 * @throws NodeCreationException when the arguments don't fit the entry point
	 * @throws GlobalTimeoutException when the timeout passes first
	 * @throws RuntimeException the entry point's failure, as {@link Session#runSync} throws it
	 * @throws IllegalStateException when the flow is {@linkplain Builder#durable() durable}: it runs through its
	 * {@code DurableFlow}, never without checkpoints
	 */
	public O invoke(@Nullable Object... args) {
		try (Session session = openSession()) {
			return session.call(this.entryPoint, args);
		}
	}

	/**
	 * Runs the entry point in a new session and keeps the run: its outcome and its session's final record, failed or
	 * not.
	 * @param args the entry point's arguments
	 * @return the finished run
	 * @throws NodeCreationException when the arguments don't fit the entry point (nothing ran)
	 * @throws IllegalStateException when the flow is {@linkplain Builder#durable() durable}: it runs through its
	 * {@code DurableFlow}, never without checkpoints
	 */
	public FlowRun<O> run(@Nullable Object... args) {
		Session session = openSession();
		Outcome<O> outcome;
		try {
			try {
				outcome = new Outcome.Succeeded<>(session.call(this.entryPoint, args));
			}
			catch (NodeCreationException ex) {
				throw ex;
			}
			catch (RuntimeException | Error ex) {
				// An Error a node threw is its outcome too: the run and its record are still returned.
				outcome = new Outcome.Failed<>(ex);
			}
		}
		finally {
			session.close();
		}
		return new FlowRun<>(session.identifier(), outcome, session.info());
	}

	/**
	 * Runs {@link #invoke} on a thread of the flow's {@link ExecutorConfig#executionStrategy()}.
	 * @param args the entry point's arguments
	 * @return completes once the session is closed (and saved) with the result, or exceptionally with the failure
	 * {@link #invoke} would throw; cancelling it cancels the run, whose session is then closed and saved
	 * @throws IllegalStateException when the flow is {@linkplain Builder#durable() durable}: it runs through its
	 * {@code DurableFlow}, never without checkpoints
	 */
	public CompletableFuture<O> invokeAsync(@Nullable Object... args) {
		requireNotDurable();
		CompletableFuture<O> result = new CompletableFuture<>();
		try {
			this.config.executionStrategy().execute(() -> complete(result, args));
		}
		catch (RuntimeException ex) {
			// The strategy refused the task (shut down, saturated): nothing ran, the future says why.
			result.completeExceptionally(ex);
		}
		return result;
	}

	/** Runs one invocation on this thread and completes the future once its session is closed. */
	private void complete(CompletableFuture<O> result, @Nullable Object[] args) {
		O value = null;
		Throwable failure = null;
		try (Session session = openSession()) {
			CompletableFuture<O> run = session.callAsync(this.entryPoint, args);
			result.whenComplete((ignored, error) -> {
				if (error instanceof CancellationException) {
					run.cancel(true);
				}
			});
			value = run.join();
		}
		catch (CompletionException ex) {
			failure = ex.getCause();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
		}
		// Completed only now, with the session closed and saved, as invoke returns.
		if (failure != null) {
			result.completeExceptionally(failure);
		}
		else {
			result.complete(value);
		}
	}

	/**
	 * A flow like this one with more context: entries given here override the flow's own, as the original's
	 * {@code update_context}. This flow is unchanged.
	 * @param more the entries to add or override
	 * @return the new flow
	 */
	public Flow<O> withContext(Map<String, ?> more) {
		if (more == null) {
			throw new IllegalArgumentException("Flow '" + this.name + "': context must not be null");
		}
		Map<String, Object> merged = new LinkedHashMap<>(this.context);
		merged.putAll(more);
		return new Flow<>(this.name, this.entryPoint, this.config, Collections.unmodifiableMap(merged), this.durable);
	}

	/**
	 * A flow like this one whose sessions have the given identifier, for one invocation whose id is known beforehand:
	 * a durable run, whose session keeps its workflow's id when it is recovered (see {@code dev.railtracks.durable}).
	 * Two invocations of the returned flow at once would share a session id; this flow is unchanged.
	 * @param runIdentifier the session id (see {@link ExecutorConfig.Builder#runIdentifier(String)})
	 * @return the new flow
	 * @throws IllegalArgumentException when the identifier is not a valid session id
	 */
	public Flow<O> withRunIdentifier(String runIdentifier) {
		if (runIdentifier == null) {
			throw new IllegalArgumentException("Flow '" + this.name + "': runIdentifier must not be null");
		}
		return new Flow<>(this.name, this.entryPoint, this.config.toBuilder().runIdentifier(runIdentifier).build(),
				this.context, this.durable);
	}

	/**
	 * The questions for a person that runs of this flow (and of any session sharing its
	 * {@link ExecutorConfig#humanRequests() registry}) wait for now.
	 * @return the pending requests, oldest first
	 */
	public List<HumanRequest> pendingHumanRequests() {
		return this.config.humanRequests().pending();
	}

	/**
	 * Answers a question or approval a run waits for; the run resumes with the answer. The first answer wins.
	 * @param runId the run's (session's) id
	 * @param requestId the request's id
	 * @param answer the answer, of the request's answer type ({@link ApprovalDecision} for an approval)
	 * @param answeredBy who answers, or {@code null} when unknown
	 * @return the answer taken
	 * @throws HumanAnswerRefusedException when the request is unknown or closed, or the answer has the wrong type
	 */
	public HumanAnswer answer(String runId, String requestId, @Nullable Object answer, @Nullable String answeredBy) {
		return this.config.humanRequests().answer(runId, requestId, answer, answeredBy);
	}

	/**
	 * The flow's name: {@code flow_name} in the saved envelope and the saved file's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The flow's id: {@code flow_id} in the saved envelope. As the original's {@code equality_hash}, it depends on the
	 * name alone: the SHA-256 (hex) of the JSON text {@code {"name": "<name>"}}, so the same flow has the same id in
	 * Python and in Java, across runs and processes.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether the flow is marked {@linkplain Builder#durable() durable}: its runs go through a {@code DurableFlow}
	 * ({@code dev.railtracks.durable}), and {@link #invoke}, {@link #run} and {@link #invokeAsync} refuse to run it.
	 * @return {@code true} when marked durable
	 */
	public boolean durable() {
		return this.durable;
	}

	/**
	 * The start node.
	 * @return the entry point
	 */
	public NodeDefinition<O> entryPoint() {
		return this.entryPoint;
	}

	/**
	 * The run options of every invocation.
	 * @return the configuration
	 */
	public ExecutorConfig config() {
		return this.config;
	}

	/**
	 * The context every invocation starts with (each gets its own copy).
	 * @return the context, unmodifiable
	 */
	public Map<String, Object> context() {
		return this.context;
	}

	@Override
	public String toString() {
		return "Flow[" + this.name + " -> " + this.entryPoint.name() + "]";
	}

	private Session openSession() {
		requireNotDurable();
		return new Session(this.config, this.context, this.name, this.id);
	}

	/** A durable flow run here would have no checkpoints: a silent loss of what durability promises. */
	private void requireNotDurable() {
		if (this.durable) {
			throw new IllegalStateException("Flow '" + this.name + "' is durable: run it through its DurableFlow with "
					+ "an idempotency key (durableFlow.invoke(key, args); in Spring Boot DurableFlows.get(\""
					+ this.name + "\"), in plain Java the DurableFlow Durability.register returns), not Flow.invoke, "
					+ "which would run it without checkpoints");
		}
	}

	/** SHA-256 of the text Python's {@code json.dumps({"name": name}, sort_keys=True)} writes. */
	static String idOf(String name) {
		StringBuilder json = new StringBuilder("{\"name\": \"");
		for (char c : name.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append("\"}");
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(json.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Builds a {@link Flow}. The shortcuts set fields of the flow's {@link ExecutorConfig}; {@link #config} sets the
	 * rest (logging, state directory, execution strategy, observation, listeners).
	 *
	 * @param <O> the entry point's result type
	 */
	public static final class Builder<O> {

		/** The {@link ExecutorConfig#timeoutSetting()} of a timeout set with {@link #timeout(Duration)}. */
		public static final String TIMEOUT_METHOD = "Flow.Builder.timeout(Duration)";

		private final String name;

		private final NodeDefinition<O> entryPoint;

		private ExecutorConfig.Builder config = ExecutorConfig.builder();

		private Map<String, Object> context = Map.of();

		private boolean durable;

		private Builder(String name, NodeDefinition<O> entryPoint) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("A flow needs a name that is not blank, got '" + name + "'");
			}
			if (entryPoint == null) {
				throw new IllegalArgumentException("Flow '" + name + "' needs an entry point, got null");
			}
			this.name = name;
			this.entryPoint = entryPoint;
		}

		/**
		 * The run options to start from; the shortcuts called after it override its fields.
		 * @param config the configuration
		 * @return this builder
		 * @throws IllegalArgumentException when the configuration fixes a {@code runIdentifier}: every invocation is
		 * a new session with its own id
		 */
		public Builder<O> config(ExecutorConfig config) {
			if (config == null) {
				throw new IllegalArgumentException("Flow '" + this.name + "': config must not be null");
			}
			if (config.runIdentifier() != null) {
				throw new IllegalArgumentException("Flow '" + this.name + "': config fixes runIdentifier '"
						+ config.runIdentifier() + "', but every invocation runs a new session with its own id");
			}
			this.config = config.toBuilder();
			return this;
		}

		/**
		 * The context each invocation starts with (copied per invocation).
		 * @param context the variables
		 * @return this builder
		 */
		public Builder<O> context(Map<String, ?> context) {
			if (context == null) {
				throw new IllegalArgumentException("Flow '" + this.name + "': context must not be null");
			}
			// Values may be null, as in RailtracksContext.
			this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#timeout(Duration)}; the timeout's message names this method
		 * ({@value #TIMEOUT_METHOD}).
		 * @param timeout the timeout of each invocation
		 * @return this builder
		 */
		public Builder<O> timeout(Duration timeout) {
			return timeout(timeout, TIMEOUT_METHOD);
		}

		/**
		 * See {@link ExecutorConfig.Builder#timeout(Duration, String)}: the timeout, and where the user sets it.
		 * @param timeout the timeout of each invocation
		 * @param setting what the user sets, such as a configuration property; named in the timeout's message
		 * @return this builder
		 */
		public Builder<O> timeout(Duration timeout, String setting) {
			this.config.timeout(timeout, setting);
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#noTimeout}.
		 * @return this builder
		 */
		public Builder<O> noTimeout() {
			this.config.noTimeout();
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#endOnError}.
		 * @param endOnError whether the first failure ends the run
		 * @return this builder
		 */
		public Builder<O> endOnError(boolean endOnError) {
			this.config.endOnError(endOnError);
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#subscriber}.
		 * @param subscriber receives every broadcast item
		 * @return this builder
		 */
		public Builder<O> subscriber(@Nullable Consumer<Object> subscriber) {
			this.config.subscriber(subscriber);
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#saveState}.
		 * @param saveState whether each invocation saves its state
		 * @return this builder
		 */
		public Builder<O> saveState(boolean saveState) {
			this.config.saveState(saveState);
			return this;
		}

		/**
		 * See {@link ExecutorConfig.Builder#addNodeMiddleware}: middleware around every node call of the flow's runs.
		 * @param middleware the middleware
		 * @return this builder
		 */
		public Builder<O> addNodeMiddleware(NodeMiddleware middleware) {
			this.config.addNodeMiddleware(middleware);
			return this;
		}

		/**
		 * Marks the flow durable: its runs are durable runs, checkpointed in PostgreSQL by DBOS (see
		 * {@code dev.railtracks.durable} and docs/durable.md). The Spring Boot auto-configuration makes every durable
		 * {@code Flow} bean a {@code DurableFlow} ({@code DurableFlows.get(name)}); in plain Java, register it with
		 * {@code Durability.register}. A durable flow refuses {@link Flow#invoke}, {@link Flow#run} and
		 * {@link Flow#invokeAsync}, which would run it without checkpoints.
		 * @return this builder
		 */
		public Builder<O> durable() {
			this.durable = true;
			return this;
		}

		/**
		 * Builds the flow.
		 * @return the flow
		 */
		public Flow<O> build() {
			return new Flow<>(this.name, this.entryPoint, this.config.build(), this.context, this.durable);
		}

	}

}
