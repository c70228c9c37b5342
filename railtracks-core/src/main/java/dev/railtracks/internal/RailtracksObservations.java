package dev.railtracks.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.railtracks.observation.DefaultNodeObservationConvention;
import dev.railtracks.observation.DefaultSessionObservationConvention;
import dev.railtracks.observation.NodeObservationContext;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.RailtracksObservationDocumentation;
import dev.railtracks.observation.SessionObservationContext;
import dev.railtracks.observation.SessionObservationConvention;

/**
 * Makes a session's observations. Nodes hop threads, so a node's observation names its caller's observation as
 * parent explicitly instead of relying on thread-local propagation. Built only for a real registry: with the no-op
 * registry the engine skips instrumentation entirely.
 */
final class RailtracksObservations {

	private final ObservationRegistry registry;

	private final @Nullable NodeObservationConvention nodeConvention;

	private final @Nullable SessionObservationConvention sessionConvention;

	private RailtracksObservations(ObservationRegistry registry, @Nullable NodeObservationConvention nodeConvention,
			@Nullable SessionObservationConvention sessionConvention) {
		this.registry = registry;
		this.nodeConvention = nodeConvention;
		this.sessionConvention = sessionConvention;
	}

	/**
	 * Observations for a registry.
	 * @param registry the registry
	 * @param nodeConvention custom node convention, or {@code null}
	 * @param sessionConvention custom session convention, or {@code null}
	 * @return the factory, or {@code null} when the registry is a no-op
	 */
	public static @Nullable RailtracksObservations of(ObservationRegistry registry,
			@Nullable NodeObservationConvention nodeConvention, @Nullable SessionObservationConvention sessionConvention) {
		return registry.isNoop() ? null : new RailtracksObservations(registry, nodeConvention, sessionConvention);
	}

	/**
	 * Starts a session's observation.
	 * @param sessionId the session id
	 * @param sessionName the session name, or {@code null}
	 * @param flowName the name of the flow that started the session, or {@code null}
	 * @return the started observation
	 */
	public Observation startSession(String sessionId, @Nullable String sessionName, @Nullable String flowName) {
		return RailtracksObservationDocumentation.SESSION
			.observation(this.sessionConvention, DefaultSessionObservationConvention.INSTANCE,
					() -> new SessionObservationContext(sessionId, sessionName, flowName), this.registry)
			.start();
	}

	/**
	 * Starts a node invocation's observation.
	 * @param context what the observation knows
	 * @param parent the caller's observation, or the session's for a top-level node
	 * @return the started observation
	 */
	public Observation startNode(NodeObservationContext context, @Nullable Observation parent) {
		Observation observation = RailtracksObservationDocumentation.NODE.observation(this.nodeConvention,
				DefaultNodeObservationConvention.INSTANCE, () -> context, this.registry);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return observation.start();
	}

	/**
	 * Stops a node observation with its outcome.
	 * @param observation the node's observation
	 * @param context its context
	 * @param error the failure, or {@code null} on success
	 * @param cancelled whether the run was cancelled under it
	 */
	public static void stopNode(Observation observation, NodeObservationContext context, @Nullable Throwable error,
			boolean cancelled) {
		context.setOutcome(cancelled ? "cancelled" : (error != null) ? "failure" : "success");
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
