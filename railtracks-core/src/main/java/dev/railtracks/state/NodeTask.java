package dev.railtracks.state;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.railtracks.execution.Task;
import dev.railtracks.observation.NodeObservationContext;
import dev.railtracks.observation.RailtracksObservations;

/**
 * One node invocation: installs the node's scope on the running thread, invokes the node, measures it, waits for
 * its broadcasts to be delivered, and hands the outcome to {@link RTState} to record and publish.
 */
final class NodeTask implements Task {

	private final RTState state;

	private final RequestRecord record;

	/** Synchronous nesting on the thread that runs the task; set by that thread just before it runs the task. */
	int depth;

	private final @Nullable Observation parentObservation;

	/** Completed with the outcome when the task runs asynchronously; {@code null} for inline tasks. */
	private final @Nullable CompletableFuture<Object> future;

	private @Nullable Object result;

	private @Nullable Throwable error;

	NodeTask(RTState state, RequestRecord record, @Nullable Observation parentObservation,
			@Nullable CompletableFuture<Object> future) {
		this.state = state;
		this.record = record;
		this.parentObservation = parentObservation;
		this.future = future;
	}

	@Override
	public String requestId() {
		return this.record.id;
	}

	/** Inline: executes on this thread. Asynchronous: also enlists the thread in the run and completes the future. */
	@Override
	public void run() {
		if (this.future == null) {
			execute();
			return;
		}
		try (Run.Worker worker = this.record.run.enlist()) {
			execute();
		}
		finally {
			Throwable failure = outcomeError();
			if (failure != null) {
				this.future.completeExceptionally(failure);
			}
			else {
				this.future.complete(this.result);
			}
		}
	}

	/** The node's result, or its failure thrown as {@code call} throws it. */
	@Nullable Object outcome() {
		Throwable failure = outcomeError();
		if (failure != null) {
			throw RTState.rethrow(failure, this.record.nodeName);
		}
		return this.result;
	}

	private @Nullable Throwable outcomeError() {
		Throwable cancelled = this.record.cancelledWith;
		return (cancelled != null) ? cancelled : this.error;
	}

	private void execute() {
		Throwable cancelledRun = this.record.run.failure();
		RailtracksObservations observations = this.state.observations;
		NodeObservationContext observationContext = null;
		Observation observation = null;
		if (observations != null) {
			observationContext = new NodeObservationContext(this.record.nodeName, this.record.node.type().jsonName(),
					this.state.sessionId, this.record.id);
			observation = observations.startNode(observationContext, this.parentObservation);
		}
		Scope scope = Scope.enterNode(this.state, this.record, this.depth, observation);
		Observation.Scope observationScope = (observation != null) ? observation.openScope() : null;
		long start = System.nanoTime();
		try {
			if (cancelledRun != null) {
				this.error = cancelledRun;
			}
			else {
				this.result = this.record.node.invoke();
			}
		}
		catch (Throwable ex) {
			this.error = ex;
		}
		finally {
			if (observationScope != null) {
				observationScope.close();
			}
			scope.exit();
		}
		this.record.latencyNanos = System.nanoTime() - start;
		awaitBroadcasts();
		this.state.finish(this.record, this.result, this.error);
		if (observation != null) {
			RailtracksObservations.stopNode(observation, observationContext, outcomeError(),
					this.record.cancelledWith != null);
		}
	}

	/** Subscribers see a node's broadcasts before its caller sees its completion. */
	private void awaitBroadcasts() {
		CompletableFuture<Void> lastBroadcast = this.record.lastBroadcast;
		if (lastBroadcast == null || lastBroadcast.isDone()) {
			return;
		}
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
