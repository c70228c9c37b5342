package dev.railtracks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.NodeType;

/**
 * A definition with its own {@link NodeMiddleware}: it names, describes and creates nodes as the definition it wraps,
 * and the engine runs every call of it through its middleware (inside the session's). Made by
 * {@link NodeDefinition#withMiddleware}.
 *
 * @param <O> the node's result type
 */
public final class MiddlewareDefinition<O> implements NodeDefinition<O> {

	private final NodeDefinition<O> definition;

	private final List<NodeMiddleware> middleware;

	private MiddlewareDefinition(NodeDefinition<O> definition, List<NodeMiddleware> middleware) {
		this.definition = definition;
		this.middleware = middleware;
	}

	/**
	 * Adds middleware around a definition: the given list outermost first, outside any the definition already has.
	 * @param <O> the result type
	 * @param definition the definition
	 * @param middleware the middleware to add
	 * @return the definition with its middleware
	 * @throws IllegalArgumentException when a middleware is {@code null} or the same instance is configured twice
	 */
	static <O> NodeDefinition<O> wrap(NodeDefinition<O> definition, NodeMiddleware... middleware) {
		if (middleware == null) {
			throw new IllegalArgumentException("Middleware of node '" + definition.name() + "' must not be null");
		}
		List<NodeMiddleware> all = new ArrayList<>(Arrays.asList(middleware));
		NodeDefinition<O> inner = definition;
		if (definition instanceof MiddlewareDefinition<O> wrapped) {
			all.addAll(wrapped.middleware);
			inner = wrapped.definition;
		}
		Set<NodeMiddleware> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (NodeMiddleware each : all) {
			if (each == null) {
				throw new IllegalArgumentException("Middleware of node '" + definition.name() + "' must not be null");
			}
			if (!seen.add(each)) {
				throw new IllegalArgumentException("Middleware " + each + " is configured twice for node '"
						+ definition.name() + "': configure each instance once");
			}
		}
		return all.isEmpty() ? definition : new MiddlewareDefinition<>(inner, List.copyOf(all));
	}

	/**
	 * The definition without this middleware.
	 * @return the wrapped definition
	 */
	public NodeDefinition<O> definition() {
		return this.definition;
	}

	/**
	 * This definition's middleware.
	 * @return the middleware, outermost first
	 */
	public List<NodeMiddleware> middleware() {
		return this.middleware;
	}

	@Override
	public String name() {
		return this.definition.name();
	}

	@Override
	public NodeType type() {
		return this.definition.type();
	}

	@Override
	public List<NodeParameter> parameters() {
		return this.definition.parameters();
	}

	@Override
	public Node<O> create(@Nullable Object... args) {
		return this.definition.create(args);
	}

	@Override
	public String toString() {
		return this.definition + " with middleware " + this.middleware;
	}

}
