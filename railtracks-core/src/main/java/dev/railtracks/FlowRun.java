package dev.railtracks;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;

/**
 * One finished invocation of a {@link Flow}, kept: its outcome and the record of its session (already closed and
 * saved), as the original's {@code FlowConnection} keeps the session of its last invocation.
 *
 * @param <O> the entry point's result type
 * @param sessionId the id of the session the invocation ran in (and of its saved file)
 * @param outcome the entry point's result, or the failure {@link Flow#invoke} would have thrown
 * @param info the final record of the session
 */
public record FlowRun<O>(String sessionId, Outcome<O> outcome, ExecutionInfo info) {

	/**
	 * The entry point's result, as {@link Flow#invoke} returns it.
	 * @return the result
	 * @throws RuntimeException the failure, as {@link Flow#invoke} throws it, when the invocation failed
	 */
	public @Nullable O value() {
		return this.outcome.value();
	}

}
