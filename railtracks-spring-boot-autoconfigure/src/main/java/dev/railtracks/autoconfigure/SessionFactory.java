package dev.railtracks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanAnswerRefusedException;
import dev.railtracks.HumanRequest;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;

/**
 * Creates {@link Session}s from the application's {@link ExecutorConfig}, with every {@link NodeMiddleware} bean around
 * every node call (in {@code @Order} order, outermost first) and every {@link SessionListener} bean attached (among them the bridge that publishes Railtracks events as Spring application events, and the tracker
 * behind the {@code railtracks} actuator endpoint and metrics).
 *
 * <p>The caller owns each session and must close it, best with try-with-resources:
 *
 * <pre>{@code
 * try (Session session = sessionFactory.create()) {
 *     ExecutionInfo info = session.runSync(planner, goal);
 *     return info.answer();
 * }
 * }</pre>
 */
public final class SessionFactory {

	private final ExecutorConfig config;

	private final List<SessionListener> listeners;

	/**
	 * A factory whose sessions use {@code config} and tell {@code listeners} when they start and close.
	 * @param config the base configuration
	 * @param listeners listeners added to every session, in order, after any listener of the configuration
	 */
	public SessionFactory(ExecutorConfig config, List<? extends SessionListener> listeners) {
		this(config, listeners, List.of());
	}

	/**
	 * A factory whose sessions use {@code config} with {@code middleware} around every node call, and tell
	 * {@code listeners} when they start and close.
	 * @param config the base configuration
	 * @param listeners listeners added to every session, in order, after any listener of the configuration
	 * @param middleware node middleware added to every session, in order, inside any of the configuration's (an
	 * instance the configuration already has keeps its place)
	 */
	public SessionFactory(ExecutorConfig config, List<? extends SessionListener> listeners,
			List<? extends NodeMiddleware> middleware) {
		ExecutorConfig.Builder builder = config.toBuilder();
		// By identity, as ExecutorConfig compares middleware: an equal but distinct instance is another middleware.
		middleware.stream()
			.filter((each) -> config.nodeMiddleware().stream().noneMatch((added) -> added == each))
			.forEach(builder::addNodeMiddleware);
		this.config = middleware.isEmpty() ? config : builder.build();
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * The base configuration of the sessions.
	 * @return the executor config
	 */
	public ExecutorConfig config() {
		return this.config;
	}

	/**
	 * A new session with the base configuration and an empty context. The caller must close it.
	 * @return a new, open session
	 */
	public Session create() {
		return create((builder) -> {
		}, Map.of());
	}

	/**
	 * A new session whose configuration is the base configuration changed by {@code customizer}. The caller must
	 * close it.
	 * @param customizer changes the configuration for this session only
	 * @return a new, open session
	 */
	public Session create(Consumer<ExecutorConfig.Builder> customizer) {
		return create(customizer, Map.of());
	}

	/**
	 * A new session with the base configuration and initial context variables. The caller must close it.
	 * @param context initial context variables, copied
	 * @return a new, open session
	 */
	public Session create(Map<String, Object> context) {
		return create((builder) -> {
		}, context);
	}

	/**
	 * A new session with a changed configuration and initial context variables. The caller must close it.
	 * @param customizer changes the configuration for this session only
	 * @param context initial context variables, copied
	 * @return a new, open session
	 */
	public Session create(Consumer<ExecutorConfig.Builder> customizer, Map<String, Object> context) {
		ExecutorConfig.Builder builder = this.config.toBuilder();
		customizer.accept(builder);
		this.listeners.forEach(builder::addSessionListener);
		return new Session(builder.build(), context);
	}

	/**
	 * The questions for a person that runs of this application wait for now (its sessions share one registry).
	 * @return the pending requests, oldest first
	 */
	public List<HumanRequest> pendingHumanRequests() {
		return this.config.humanRequests().pending();
	}

	/**
	 * Answers a question or approval a run waits for; the run resumes with the answer. The first answer wins.
	 * @param runId the run's (session's) id
	 * @param requestId the request's id
	 * @param answer the answer, of the request's answer type ({@link dev.railtracks.ApprovalDecision} for an approval)
	 * @param answeredBy who answers, or {@code null} when unknown
	 * @return the answer taken
	 * @throws HumanAnswerRefusedException when the request is unknown or closed, or the answer has the wrong type
	 */
	public HumanAnswer answer(String runId, String requestId, @Nullable Object answer, @Nullable String answeredBy) {
		return this.config.humanRequests().answer(runId, requestId, answer, answeredBy);
	}

	/**
	 * A builder of a {@link Flow} whose sessions use the base configuration (so {@code railtracks.*} properties apply)
	 * and tell every listener, so they appear in application events, the session metrics (tagged
	 * {@code railtracks.flow}) and the {@code railtracks} actuator endpoint. Declare flows as beans:
	 *
	 * <pre>{@code
	 * @Bean
	 * Flow<String> planning(SessionFactory sessions, RailtracksNodeRegistry nodes) {
	 *     return sessions.flow("planning", nodes.<String>get("planner")).timeout(Duration.ofSeconds(20)).build();
	 * }
	 * }</pre>
	 *
	 * A {@code railtracks.run-identifier} is not carried over: each invocation is a session with its own id.
	 * @param <O> the entry point's result type
	 * @param name the flow's name
	 * @param entryPoint the start node
	 * @return the builder, its shortcuts overriding the base configuration
	 */
	public <O> Flow.Builder<O> flow(String name, NodeDefinition<O> entryPoint) {
		ExecutorConfig.Builder builder = this.config.toBuilder().runIdentifier(null);
		this.listeners.forEach(builder::addSessionListener);
		return Flow.builder(name, entryPoint).config(builder.build());
	}

}
