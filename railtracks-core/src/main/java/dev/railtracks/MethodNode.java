package dev.railtracks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.NodeType;

/**
 * A node that invokes a method on an object: the way frameworks turn annotated methods (such as Spring's
 * {@code @RailtracksNode} bean methods) into nodes. Arguments are checked against the method's parameter types
 * before anything runs, with the same rules and messages as {@link FunctionNode}; the target is obtained on every
 * call, so it may be a scoped or proxied object.
 *
 * <pre>{@code
 * MethodNode<String> greet = MethodNode.of("greet", NodeType.TOOL, Greeter.class.getMethod("greet", String.class),
 *         () -> greeter);
 * }</pre>
 *
 * @param <O> the method's result type
 */
public final class MethodNode<O> implements NodeDefinition<O> {

	private final String name;

	private final NodeType type;

	private final Method method;

	private final Supplier<?> target;

	private MethodNode(String name, NodeType type, Method method, Supplier<?> target) {
		this.name = name;
		this.type = type;
		this.method = method;
		this.target = target;
	}

	/**
	 * A node that invokes {@code method} on the object {@code target} supplies.
	 * @param <O> the method's result type
	 * @param name the node's name
	 * @param type the node's type
	 * @param method the method; made accessible
	 * @param target supplies the object to invoke it on, once per call (ignored for a static method)
	 * @return the definition
	 * @throws NodeCreationException when the name is blank or an argument is {@code null}
	 */
	public static <O> MethodNode<O> of(String name, NodeType type, Method method, Supplier<?> target) {
		if (name == null || name.isBlank()) {
			throw new NodeCreationException("Method node name must not be blank but was '" + name + "' (method " + method
					+ ")");
		}
		if (type == null || method == null || target == null) {
			throw new NodeCreationException("Method node '" + name + "' needs a type, a method and a target supplier");
		}
		method.setAccessible(true);
		return new MethodNode<>(name, type, method, target);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public NodeType type() {
		return this.type;
	}

	/**
	 * The method's parameters: names (compile with {@code -parameters}, as Spring Boot's build plugins do), generic
	 * types, and descriptions from {@code @JsonPropertyDescription} on a parameter.
	 */
	@Override
	public List<NodeParameter> parameters() {
		return NodeParameter.of(this.method.getParameters());
	}

	/**
	 * The method the node invokes.
	 * @return the method
	 */
	public Method method() {
		return this.method;
	}

	@Override
	public Node<O> create(@Nullable Object... args) {
		@Nullable Object[] actual = (args != null) ? args : new Object[] { null };
		Class<?>[] types = this.method.getParameterTypes();
		if (!ArgumentMatcher.fits(types, actual)) {
			throw new NodeCreationException(
					ArgumentMatcher.mismatch(this.name, types, this.method.getParameters(), actual));
		}
		return new Invocation<>(this, actual);
	}

	@Override
	public String toString() {
		return "MethodNode[" + this.name + " = " + this.method.getDeclaringClass().getSimpleName() + "."
				+ this.method.getName() + "(" + ArgumentMatcher.typeList(this.method.getParameterTypes()) + ")]";
	}

	/** One call of a method node. */
	private static final class Invocation<O> extends Node<O> {

		private final MethodNode<O> definition;

		private final @Nullable Object[] args;

		Invocation(MethodNode<O> definition, @Nullable Object[] args) {
			this.definition = definition;
			this.args = args;
		}

		@Override
		@SuppressWarnings("unchecked")
		public O invoke() throws Exception {
			Method method = this.definition.method;
			Object target = Modifier.isStatic(method.getModifiers()) ? null : this.definition.target.get();
			try {
				return (O) method.invoke(target, this.args);
			}
			catch (InvocationTargetException ex) {
				// The node's own failure, unwrapped, so callers see what the method threw.
				Throwable cause = ex.getTargetException();
				if (cause instanceof Exception exception) {
					throw exception;
				}
				throw (Error) cause;
			}
		}

		@Override
		public String name() {
			return this.definition.name;
		}

		@Override
		public NodeType type() {
			return this.definition.type;
		}

	}

}
