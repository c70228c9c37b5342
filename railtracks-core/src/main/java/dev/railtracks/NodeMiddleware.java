package dev.railtracks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Wraps a node call: runs before and after the node, may change its arguments or its result, may call it again (a
 * retry) or not at all (a short-circuit). Middleware runs on the node's thread, inside the node's request: what it
 * returns is recorded as the node's output and what it throws as the node's failure.
 *
 * <pre>{@code
 * NodeMiddleware logged = (call) -> {
 *     log.info("calling {} with {}", call.nodeName(), call.arguments());
 *     return call.proceed();
 * };
 * ExecutorConfig config = ExecutorConfig.builder().addNodeMiddleware(logged).build();
 * NodeDefinition<String> guarded = greet.withMiddleware(Timeout.of(Duration.ofSeconds(2)));
 * }</pre>
 *
 * <p>Order (onion): the session's middleware ({@link ExecutorConfig.Builder#addNodeMiddleware}) is outermost, in the
 * order added; then the definition's ({@link NodeDefinition#withMiddleware}), outermost first; the node innermost.
 * The same instance configured twice in one list is refused; configured for the session and for a definition, it
 * runs once, at its session position.
 *
 * <p>A {@code null} result is a legal node result and is recorded as such. See {@link NodeCall#proceed()} for calling
 * the node more than once.
 */
@FunctionalInterface
public interface NodeMiddleware {

	/**
	 * Runs around the call.
	 * @param call the call: the node, its arguments, the session, the caller, and {@link NodeCall#proceed()}
	 * @return the node's result as the caller gets it and the record shows it
	 * @throws Exception the node's failure, passed on or replaced
	 */
	@Nullable Object around(NodeCall call) throws Exception;

	/**
	 * Middleware that runs a step before the node and may replace its arguments.
	 * @param before returns the arguments to call the node with ({@code call.arguments()} to keep them)
	 * @return the middleware
	 */
	static NodeMiddleware before(Before before) {
		if (before == null) {
			throw new IllegalArgumentException("before must not be null");
		}
		return (call) -> {
			List<? extends @Nullable Object> arguments = before.arguments(call);
			if (arguments == null) {
				throw new IllegalStateException("The before step " + before + " of node '" + call.nodeName()
						+ "' returned null: return call.arguments() to keep the arguments");
			}
			return call.proceed(arguments.toArray());
		};
	}

	/**
	 * Middleware that runs a step after the node has returned and may replace its result; a failure passes through.
	 * @param after returns the result to hand back
	 * @return the middleware
	 */
	static NodeMiddleware after(After after) {
		if (after == null) {
			throw new IllegalArgumentException("after must not be null");
		}
		return (call) -> after.result(call, call.proceed());
	}

	/** A step run before the node. */
	@FunctionalInterface
	interface Before {

		/**
		 * Runs before the node.
		 * @param call the call
		 * @return the arguments to call the node with
		 * @throws Exception a failure, recorded as the node's without calling it
		 */
		List<? extends @Nullable Object> arguments(NodeCall call) throws Exception;

	}

	/** A step run after the node returned. */
	@FunctionalInterface
	interface After {

		/**
		 * Runs after the node returned.
		 * @param call the call
		 * @param result what the node (or inner middleware) returned
		 * @return the result to hand back
		 * @throws Exception a failure, recorded as the node's
		 */
		@Nullable Object result(NodeCall call, @Nullable Object result) throws Exception;

	}

}
