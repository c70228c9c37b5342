package dev.railtracks;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.NodeType;

/**
 * A named, reusable recipe for a node: it validates the arguments of a call and creates the {@link Node} that runs
 * it. Obtain one from a node class with {@link #of(Class)} or from a function with {@link FunctionNode#of}.
 *
 * @param <O> the type of the node's result
 */
public interface NodeDefinition<O> {

	/**
	 * The node's name, used in messages before an instance exists.
	 * @return the name
	 */
	String name();

	/**
	 * The kind of node this definition creates.
	 * @return the node type
	 */
	default NodeType type() {
		return NodeType.OTHER;
	}

	/**
	 * The parameters a call takes, in order, as an agent describes them to a model when this node is one of its tools.
	 * @return the parameters; empty when the node takes none or they are not known
	 */
	default List<NodeParameter> parameters() {
		return List.of();
	}

	/**
	 * Creates the node for one call.
	 * @param args the call's arguments
	 * @return a new node, not yet invoked
	 * @throws NodeCreationException when the arguments don't fit (naming the node and the argument) or the node's
	 * constructor fails
	 */
	Node<O> create(@Nullable Object... args);

	/**
	 * This definition with middleware around every call of it, inside the session's middleware. Calling it again
	 * adds middleware outside that added before.
	 * @param middleware the middleware, outermost first
	 * @return a definition that names, describes and creates nodes as this one
	 * @throws IllegalArgumentException when a middleware is {@code null} or the same instance is configured twice
	 * @see NodeMiddleware
	 */
	default NodeDefinition<O> withMiddleware(NodeMiddleware... middleware) {
		return MiddlewareDefinition.wrap(this, middleware);
	}

	/**
	 * The definition of a {@link Node} subclass: each call creates an instance through the constructor whose
	 * parameters match the arguments. Definitions are cached per class.
	 * @param <O> the node's result type
	 * @param nodeClass a concrete node class
	 * @return its definition
	 * @throws NodeCreationException when the class is abstract or has no constructor
	 */
	@SuppressWarnings("unchecked")
	static <O> NodeDefinition<O> of(Class<? extends Node<O>> nodeClass) {
		if (nodeClass == null) {
			throw new NodeCreationException("Node class must not be null");
		}
		return (NodeDefinition<O>) ClassNodeDefinition.forClass(nodeClass);
	}

}
