package dev.railtracks;

import org.jspecify.annotations.Nullable;

/**
 * What one call of a batch came to: the node's result, or the failure its caller would have received. Returned by
 * {@link Railtracks#callBatchOutcomes}, in input order, so a failed call never costs the results of the others, as the
 * original's {@code call_batch} returns exceptions among the results.
 *
 * <pre>{@code
 * for (Outcome<Integer> outcome : callBatchOutcomes(countChars, inputs)) {
 *     if (outcome instanceof Outcome.Succeeded<Integer> succeeded) {
 *         total += succeeded.value();
 *     }
 *     else {
 *         log.warn("one input failed", outcome.exception());
 *     }
 * }
 * }</pre>
 *
 * @param <O> the node's result type
 */
public sealed interface Outcome<O> permits Outcome.Succeeded, Outcome.Failed {

	/**
	 * Whether the call returned a result.
	 * @return {@code true} for {@link Succeeded}
	 */
	boolean succeeded();

	/**
	 * The result, as {@link Railtracks#call} would return it.
	 * @return the node's result
	 * @throws RuntimeException the failure, as {@link Railtracks#call} would throw it, when the call failed (an
	 * {@link Error} the node threw is thrown as it is)
	 */
	@Nullable O value();

	/**
	 * The failure.
	 * @return the exception, or {@code null} when the call succeeded
	 */
	@Nullable Throwable exception();

	/**
	 * A call that returned a result.
	 * @param <O> the result type
	 * @param value the result, {@code null} when the node returned {@code null}
	 */
	record Succeeded<O>(@Nullable O value) implements Outcome<O> {

		@Override
		public boolean succeeded() {
			return true;
		}

		@Override
		public @Nullable Throwable exception() {
			return null;
		}

	}

	/**
	 * A call that failed.
	 * @param <O> the result type the call would have had
	 * @param exception what {@link Railtracks#call} would have thrown: the node's own unchecked exception, a
	 * {@link NodeInvocationException} around a checked one, an {@link Error} it threw, or the cancellation or timeout
	 * that ended it
	 */
	record Failed<O>(Throwable exception) implements Outcome<O> {

		/**
		 * Creates the outcome.
		 * @param exception the failure: a {@link RuntimeException} or an {@link Error}, as {@code call} throws
		 */
		public Failed {
			if (exception == null) {
				throw new IllegalArgumentException("A failed outcome needs its exception");
			}
			if (!(exception instanceof RuntimeException || exception instanceof Error)) {
				throw new IllegalArgumentException("A failed outcome holds what Railtracks.call throws, a "
						+ "RuntimeException or an Error, not " + exception);
			}
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		/**
		 * Throws the failure, as {@link Railtracks#call} would.
		 * @return never
		 */
		@Override
		public O value() {
			if (this.exception instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) this.exception;
		}

	}

}
