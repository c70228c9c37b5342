package dev.railtracks.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.railtracks.NodeInvocationException;
import dev.railtracks.Outcome;
import dev.railtracks.support.EpochClock;
import dev.railtracks.observation.NodeObservationContext;

/**
 * One node invocation: installs the node's scope on the running thread, invokes the node, measures it, waits for
 * its broadcasts to be delivered, and hands the outcome to {@link RTState} to record and publish.
 */
final class NodeTask implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(NodeTask.class);

	private final RTState state;

	private final LiveRequest record;

	/** Synchronous nesting on the thread that runs the task: the caller's plus one inline, 0 on a fresh thread. */
	private final int depth;

	private final @Nullable Observation parentObservation;

	/** Completed with the outcome when the task runs asynchronously; {@code null} for inline tasks. */
	private final @Nullable CompletableFuture<Object> future;

	private @Nullable Object result;

	private @Nullable Throwable error;

	NodeTask(RTState state, LiveRequest record, int depth, @Nullable Observation parentObservation,
			@Nullable CompletableFuture<Object> future) {
		this.state = state;
		this.record = record;
		this.depth = depth;
		this.parentObservation = parentObservation;
		this.future = future;
	}

	/** Inline: executes on this thread. Asynchronous: also enlists the thread in the run and completes the future. */
	@Override
	@SuppressWarnings("try") // the resource is a guard: opening and closing it is the point
	public void run() {
		if (this.future == null) {
			execute();
			return;
		}
		try (Run.Worker worker = this.record.run.enlist()) {
			// Its latency counts from here, not from its creation: the handoff to this thread is not the node's time.
			this.record.startedAt(EpochClock.nowNanos());
			try {
				execute();
			}
			finally {
				// Completed before this thread leaves the run, so that a run ended meanwhile sees the outcome first.
				complete(this.future);
			}
		}
	}

	private void complete(CompletableFuture<Object> future) {
		Throwable failure = outcomeError();
		// A run ended from outside is released by whoever ended it, once everything in it is recorded.
		boolean runEndedFromOutside = failure != null && failure == this.record.run.failure()
				&& future == this.record.run.result;
		if (failure == null) {
			future.complete(this.result);
		}
		else if (!runEndedFromOutside) {
			try {
				future.completeExceptionally(failure);
			}
			catch (RuntimeException ex) {
				// A dependent stage wraps the failure in a CompletionException, whose constructor reads the failure's
				// message; a failure whose getMessage() throws breaks that. The future is completed all the same.
			}
		}
	}

	/** The node's result, or its failure thrown as {@code call} throws it. */
	@Nullable Object outcome() {
		Throwable failure = outcomeError();
		if (failure != null) {
			throw NodeInvocationException.unchecked(failure, this.record.nodeName);
		}
		return this.result;
	}

	/** The node's result or its failure as {@code call} throws it, as a value. */
	Outcome<Object> settled() {
		Throwable failure = outcomeError();
		if (failure != null) {
			return new Outcome.Failed<>(NodeInvocationException.asThrown(failure, this.record.nodeName));
		}
		return new Outcome.Succeeded<>(this.result);
	}

	/** What the caller gets: the cancellation when the request or its run ended (as recorded), else the node's failure. */
	private @Nullable Throwable outcomeError() {
		Throwable ended = this.record.endedWith();
		return (ended != null) ? ended : this.error;
	}

	private void execute() {
		RailtracksObservations observations = this.state.observations;
		NodeObservationContext observationContext = null;
		Observation observation = null;
		Scope scope = null;
		Observation.Scope observationScope = null;
		if (observations != null) {
			try {
				observationContext = new NodeObservationContext(this.record.nodeName, this.record.node.type().jsonName(),
						this.state.sessionId, this.record.id());
				observation = observations.startNode(observationContext, this.parentObservation);
				observationScope = observation.openScope();
			}
			catch (RuntimeException ex) {
				// A failing observation handler must not fail the node: it runs unobserved.
				logger.warn("Observing node '{}' failed; it runs unobserved", this.record.nodeName, ex);
				observation = null;
				observationScope = null;
			}
		}
		try {
			scope = Scope.enterNode(this.state, this.record, this.depth, observation);
			Throwable cancelled = this.record.run.failure();
			if (cancelled != null) {
				this.error = cancelled;
			}
			else {
				this.result = invokeNode();
			}
		}
		catch (Throwable ex) {
			this.error = ex;
			if (ex instanceof InterruptedException && this.record.run.failure() == null) {
				// An interrupt from outside the run, which the node passed on as its failure: the thread keeps it, so
				// that its caller (a runSync caller's thread, say) still sees that it was interrupted.
				Thread.currentThread().interrupt();
			}
		}
		finally {
			if (scope != null) {
				scope.exit();
			}
			if (observationScope != null) {
				observationScope.close();
			}
		}
		awaitBroadcasts();
		try {
			this.state.finish(this.record, this.result, this.error);
		}
		catch (StackOverflowError ex) {
			// A node that called near the stack's limit: record its outcome on a fresh stack rather than leave it open.
			this.state.finishOnFreshStack(this.record, this.result, this.error);
		}
		if (observation != null && observationContext != null) {
			try {
				RailtracksObservations.stopNode(observation, observationContext, outcomeError(),
						this.record.endedWith() != null);
			}
			catch (RuntimeException ex) {
				// An observation handler's failure must not turn the recorded outcome into another one.
				logger.warn("Stopping the observation of node '{}' failed", this.record.nodeName, ex);
			}
		}
	}

	/**
	 * Invokes the request's node, on the thread that runs it, inside its scope and observation: what it returns is its
	 * result, what it throws its failure (recorded, published and handed to its caller by {@link #execute}). The only
	 * other place a node is invoked is {@code InterceptedNode}'s attempt, the node under middleware, which runs here as
	 * the request's node.
	 */
	private @Nullable Object invokeNode() throws Exception {
		return this.record.node.invoke();
	}

	/** Subscribers see a node's broadcasts before its caller sees its completion. */
	private void awaitBroadcasts() {
		CompletableFuture<Void> lastBroadcast = this.record.lastBroadcast();
		if (lastBroadcast == null || lastBroadcast.isDone()) {
			return;
		}
		// The node's latency ends here: waiting for slow subscribers is not its time.
		this.record.returnedAt(EpochClock.nowNanos());
		try {
			lastBroadcast.get();
		}
		catch (InterruptedException ex) {
			// The run was cancelled while a subscriber was slow; keep the interrupt for the caller.
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// Delivery futures only complete normally.
		}
	}

}
