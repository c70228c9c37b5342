package dev.railtracks;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.pubsub.RTPublisher;

/**
 * The one seam between the public API and the engine in {@code dev.railtracks.internal}: {@link Session} and
 * {@link Railtracks} talk to the engine only through it, and the engine is found with {@link ServiceLoader}, so the
 * API package never imports the engine and the packages have no cycle. Applications neither implement nor call it;
 * it carries no compatibility promise.
 */
public interface Engine {

	/**
	 * Opens the engine of a new session and makes it the current thread's session.
	 * @param session the session that owns it, handed to session listeners
	 * @param config the session's configuration
	 * @param context the session's context, which carries its id; the session clears it after closing the engine
	 * @return the session's engine
	 */
	SessionEngine open(Session session, ExecutorConfig config, RailtracksContext context);

	/**
	 * See {@link Railtracks#call(NodeDefinition, Object...)}.
	 * @param <O> the result type
	 * @param node the node
	 * @param args its arguments
	 * @return its result
	 */
	<O> O call(NodeDefinition<O> node, @Nullable Object[] args);

	/**
	 * See {@link Railtracks#callAsync(NodeDefinition, Object...)}.
	 * @param <O> the result type
	 * @param node the node
	 * @param args its arguments
	 * @return its future result
	 */
	<O> CompletableFuture<O> callAsync(NodeDefinition<O> node, @Nullable Object[] args);

	/**
	 * One call per argument list, in parallel; see {@link Railtracks#callBatch(NodeDefinition, Iterable)}.
	 * @param <O> the result type
	 * @param node the node
	 * @param argumentLists one argument array per call
	 * @return the results, in input order
	 */
	<O> List<O> callBatch(NodeDefinition<O> node, List<@Nullable Object[]> argumentLists);

	/**
	 * One call per argument list, in parallel, every outcome kept; see
	 * {@link Railtracks#callBatchOutcomes(NodeDefinition, Iterable)}.
	 * @param <O> the result type
	 * @param node the node
	 * @param argumentLists one argument array per call
	 * @return the outcomes, in input order
	 */
	<O> List<Outcome<O>> callBatchOutcomes(NodeDefinition<O> node, List<@Nullable Object[]> argumentLists);

	/**
	 * See {@link Railtracks#broadcast(Object)}.
	 * @param item the item
	 */
	void broadcast(@Nullable Object item);

	/**
	 * The current session's context.
	 * @return the context
	 * @throws ContextException outside a session
	 */
	RailtracksContext context();

	/**
	 * The current session's configuration.
	 * @return the configuration
	 * @throws ContextException outside a session
	 */
	ExecutorConfig config();

	/**
	 * The engine of one session; {@link Session} delegates to it.
	 */
	interface SessionEngine {

		/**
		 * When the session started.
		 * @return epoch nanoseconds
		 */
		long startNanos();

		/**
		 * Tells session listeners that the session started, once the session is fully constructed.
		 */
		void started();

		/**
		 * See {@link Session#runSync(NodeDefinition, Object...)}.
		 * @param <O> the result type
		 * @param start the node
		 * @param args its arguments
		 * @return the start node's result
		 */
		<O> O runSync(NodeDefinition<O> start, @Nullable Object[] args);

		/**
		 * See {@link Session#run(NodeDefinition, Object...)}.
		 * @param <O> the result type
		 * @param start the node
		 * @param args its arguments
		 * @return the start node's future result; cancelling it cancels the run
		 */
		<O> CompletableFuture<O> run(NodeDefinition<O> start, @Nullable Object[] args);

		/**
		 * An immutable snapshot of the record so far (after close: the final record).
		 * @return the execution info
		 */
		ExecutionInfo info();

		/**
		 * The register-only view of the session's publisher.
		 * @return the publisher
		 */
		RTPublisher publisher();

		/**
		 * See {@link Session#cancel(String)}.
		 * @param nodeId the node's id
		 * @return whether the node was running and is now cancelled
		 */
		boolean cancel(String nodeId);

		/**
		 * The saved-state document of the record so far.
		 * @return JSON text
		 */
		String payload();

		/**
		 * Whether the session is closed.
		 * @return {@code true} once closed
		 */
		boolean isClosed();

		/**
		 * Stops being the current thread's session.
		 */
		void releaseThread();

		/**
		 * See {@link Session#close()}.
		 */
		void close();

	}

}
