package dev.railtracks;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.NodeType;
import dev.railtracks.info.RequestTemplate;

/**
 * One node call as a {@link NodeMiddleware} sees it: the node, its arguments, its session and its caller, and
 * {@link #proceed()} to go on to the next middleware and finally the node.
 */
public interface NodeCall {

	/**
	 * The node's name, as recorded.
	 * @return the name
	 */
	String nodeName();

	/**
	 * The node's type, as recorded.
	 * @return the type
	 */
	NodeType nodeType();

	/**
	 * The definition the caller called (with its middleware, when it has any).
	 * @return the definition
	 */
	NodeDefinition<?> definition();

	/**
	 * The node that runs the first attempt, created from the call's arguments; {@link #proceed(Object...)} with other
	 * arguments, and each later attempt, create a fresh node from the definition.
	 * @return the node
	 */
	Node<?> node();

	/**
	 * The arguments this middleware was called with: the caller's, or those an outer middleware proceeded with.
	 * @return the arguments, unmodifiable (elements may be {@code null})
	 */
	List<@Nullable Object> arguments();

	/**
	 * The session's id.
	 * @return the id
	 */
	String sessionId();

	/**
	 * The session's context variables.
	 * @return the context
	 */
	RailtracksContext context();

	/**
	 * The calling request's newest recorded version, read when this is called: the version created when the caller
	 * started while it runs (a caller that has finished since, having called this node without waiting, shows its
	 * finishing version).
	 * @return the caller's request, or {@code null} for a top-level call
	 */
	@Nullable RequestTemplate caller();

	/**
	 * Where this call is in its run's tree of calls: the session's top-level calls are {@code 0}, {@code 1}, ...; the
	 * calls a node makes are its own path, a dot and their place among its calls ({@code 0.0}, {@code 0.1}, ...). A call
	 * gets its place when its caller makes it (so a batch's children are numbered in order and an asynchronous call
	 * when it is started), whichever thread runs it: the same code making the same calls gives the same paths in every
	 * run, which is how durable runs find a call's checkpoint. Only calls with middleware are numbered: when a node
	 * without middleware makes a call, that call is numbered as a top-level one. Each attempt of a node (a retry) numbers
	 * its calls from 0 again, so the attempts' calls share their paths.
	 * @return the path, such as {@code 0.2.1}
	 * @throws UnsupportedOperationException when the implementation does not number calls (this default)
	 */
	default String callPath() {
		throw new UnsupportedOperationException("callPath");
	}

	/**
	 * Records a detail on this call's request, under {@code details.internals} in the saved state (as a node's own
	 * details are), e.g. that the call's result was replayed rather than computed.
	 * @param key the detail's name; {@code latency} is reserved for the engine
	 * @param value the detail, serialised as JSON
	 * @throws IllegalArgumentException when the key is {@code latency}
	 * @throws UnsupportedOperationException when the implementation records no details (this default)
	 */
	default void recordDetail(String key, @Nullable Object value) {
		throw new UnsupportedOperationException("recordDetail");
	}

	/**
	 * How many times the node has been invoked in this request so far.
	 * @return the attempts so far, {@code 0} before the first
	 */
	int attempts();

	/**
	 * Whether the call's run has ended from outside (session timeout, cancel, fatal failure, session closed): its
	 * outcome is then that ending, and nothing should be tried again.
	 * @return whether the run ended
	 */
	boolean runEnded();

	/**
	 * Calls the next middleware, or the node, with the same arguments. May be called again after it returned or
	 * threw (a retry): every invocation of the node is an attempt, recorded under {@code middleware_attempts} in the
	 * node's details, and every attempt after the first runs a fresh node created from the definition. Must be called
	 * on the thread that called {@link NodeMiddleware#around}, which carries the node's scope.
	 * @return the result
	 * @throws Exception the node's (or inner middleware's) failure
	 * @throws IllegalStateException when called on another thread
	 */
	@Nullable Object proceed() throws Exception;

	/**
	 * As {@link #proceed()}, with other arguments: the node runs as created from them by its definition.
	 * @param arguments the arguments
	 * @return the result
	 * @throws Exception the node's (or inner middleware's) failure; a {@link NodeCreationException} when the
	 * arguments don't fit the node
	 */
	@Nullable Object proceed(@Nullable Object... arguments) throws Exception;

}
