package dev.railtracks.internal;

/**
 * How the {@link Coordinator} runs a task.
 */
enum ExecutionMode {

	/** On the caller's thread, now: synchronous calls, the cheapest handoff there is. */
	INLINE,

	/** On a thread of the session's {@link dev.railtracks.execution.ExecutionStrategy}: asynchronous and parallel calls. */
	ASYNC

}
