package dev.railtracks;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.NodeType;

/**
 * A node made from a function of zero to four arguments. Function nodes are {@link NodeType#TOOL tools}.
 *
 * <pre>{@code
 * FunctionNode<Integer> countChars = FunctionNode.of("count_chars", (String s) -> s.length());
 * int n = Railtracks.call(countChars, "railtracks");
 * }</pre>
 *
 * <p>The parameter types are read from the lambda (its functional interfaces are {@link Serializable} for that
 * reason), so a call with the wrong number or type of arguments fails with a {@link NodeCreationException} naming
 * the node and the argument before anything runs. Where a type cannot be read (an erased generic parameter) any
 * argument is accepted for it.
 *
 * <p>When the node is a tool of an agent, its {@linkplain #parameters() parameters} are described to the model. A
 * method reference ({@code Weather::forecast}) gives the method's parameter names and generic types (compile with
 * {@code -parameters}); a lambda's parameter names are not kept by the compiler, so they are {@code arg0},
 * {@code arg1}... unless named with {@link #withParameterNames(String...)}.
 *
 * @param <O> the function's result type
 */
public final class FunctionNode<O> implements NodeDefinition<O> {

	/**
	 * A function of no arguments.
	 * @param <O> result type
	 */
	@FunctionalInterface
	public interface F0<O> extends Serializable {

		/**
		 * Runs the function.
		 * @return the result
		 * @throws Exception any failure
		 */
		O apply() throws Exception;

	}

	/**
	 * A function of one argument.
	 * @param <A> first argument type
	 * @param <O> result type
	 */
	@FunctionalInterface
	public interface F1<A, O> extends Serializable {

		/**
		 * Runs the function.
		 * @param a first argument
		 * @return the result
		 * @throws Exception any failure
		 */
		O apply(A a) throws Exception;

	}

	/**
	 * A function of two arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <O> result type
	 */
	@FunctionalInterface
	public interface F2<A, B, O> extends Serializable {

		/**
		 * Runs the function.
		 * @param a first argument
		 * @param b second argument
		 * @return the result
		 * @throws Exception any failure
		 */
		O apply(A a, B b) throws Exception;

	}

	/**
	 * A function of three arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <C> third argument type
	 * @param <O> result type
	 */
	@FunctionalInterface
	public interface F3<A, B, C, O> extends Serializable {

		/**
		 * Runs the function.
		 * @param a first argument
		 * @param b second argument
		 * @param c third argument
		 * @return the result
		 * @throws Exception any failure
		 */
		O apply(A a, B b, C c) throws Exception;

	}

	/**
	 * A function of four arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <C> third argument type
	 * @param <D> fourth argument type
	 * @param <O> result type
	 */
	@FunctionalInterface
	public interface F4<A, B, C, D, O> extends Serializable {

		/**
		 * Runs the function.
		 * @param a first argument
		 * @param b second argument
		 * @param c third argument
		 * @param d fourth argument
		 * @return the result
		 * @throws Exception any failure
		 */
		O apply(A a, B b, C c, D d) throws Exception;

	}

	/** Applies the wrapped function to validated arguments. */
	@FunctionalInterface
	private interface Body<O> {

		O apply(@Nullable Object[] args) throws Exception;

	}

	private final String name;

	private final Class<?>[] parameterTypes;

	private final Body<O> body;

	private final List<NodeParameter> parameters;

	private FunctionNode(String name, Serializable function, int arity, Body<O> body) {
		if (name == null || name.isBlank()) {
			throw new NodeCreationException("Function node name must not be blank but was '" + name + "'");
		}
		if (function == null) {
			throw new NodeCreationException("Function of node '" + name + "' must not be null");
		}
		this.name = name;
		this.parameterTypes = parameterTypes(function, arity);
		this.body = body;
		this.parameters = describe(function, this.parameterTypes);
	}

	private FunctionNode(FunctionNode<O> original, List<NodeParameter> parameters) {
		this.name = original.name;
		this.parameterTypes = original.parameterTypes;
		this.body = original.body;
		this.parameters = List.copyOf(parameters);
	}

	/**
	 * A node from a function of no arguments.
	 * @param <O> result type
	 * @param name the node's name
	 * @param fn the function
	 * @return the definition
	 */
	public static <O> FunctionNode<O> of(String name, F0<O> fn) {
		return new FunctionNode<>(name, fn, 0, (args) -> fn.apply());
	}

	/**
	 * A node from a function of one argument.
	 * @param <A> first argument type
	 * @param <O> result type
	 * @param name the node's name
	 * @param fn the function
	 * @return the definition
	 */
	@SuppressWarnings("unchecked")
	public static <A, O> FunctionNode<O> of(String name, F1<A, O> fn) {
		return new FunctionNode<>(name, fn, 1, (args) -> fn.apply((A) args[0]));
	}

	/**
	 * A node from a function of two arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <O> result type
	 * @param name the node's name
	 * @param fn the function
	 * @return the definition
	 */
	@SuppressWarnings("unchecked")
	public static <A, B, O> FunctionNode<O> of(String name, F2<A, B, O> fn) {
		return new FunctionNode<>(name, fn, 2, (args) -> fn.apply((A) args[0], (B) args[1]));
	}

	/**
	 * A node from a function of three arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <C> third argument type
	 * @param <O> result type
	 * @param name the node's name
	 * @param fn the function
	 * @return the definition
	 */
	@SuppressWarnings("unchecked")
	public static <A, B, C, O> FunctionNode<O> of(String name, F3<A, B, C, O> fn) {
		return new FunctionNode<>(name, fn, 3, (args) -> fn.apply((A) args[0], (B) args[1], (C) args[2]));
	}

	/**
	 * A node from a function of four arguments.
	 * @param <A> first argument type
	 * @param <B> second argument type
	 * @param <C> third argument type
	 * @param <D> fourth argument type
	 * @param <O> result type
	 * @param name the node's name
	 * @param fn the function
	 * @return the definition
	 */
	@SuppressWarnings("unchecked")
	public static <A, B, C, D, O> FunctionNode<O> of(String name, F4<A, B, C, D, O> fn) {
		return new FunctionNode<>(name, fn, 4, (args) -> fn.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3]));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public NodeType type() {
		return NodeType.TOOL;
	}

	/**
	 * The parameter types read from the function; {@code Object} where none could be read.
	 * @return a copy of the parameter types
	 */
	public Class<?>[] parameterTypes() {
		return this.parameterTypes.clone();
	}

	@Override
	public List<NodeParameter> parameters() {
		return this.parameters;
	}

	/**
	 * The same node with its parameters named, for the model when the node is an agent's tool.
	 * @param names one name per parameter, in order
	 * @return a copy with those names
	 * @throws NodeCreationException when the count differs from the function's arity or a name is blank
	 */
	public FunctionNode<O> withParameterNames(String... names) {
		checkCount("names", names);
		List<NodeParameter> named = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			if (names[i] == null || names[i].isBlank()) {
				throw new NodeCreationException("Function node '" + this.name + "': parameter name " + (i + 1)
						+ " must not be blank");
			}
			NodeParameter parameter = this.parameters.get(i);
			named.add(new NodeParameter(names[i], parameter.type(), parameter.description()));
		}
		return new FunctionNode<>(this, named);
	}

	/**
	 * The same node with its parameters described, for the model when the node is an agent's tool.
	 * @param descriptions one description per parameter, in order ({@code null} for none)
	 * @return a copy with those descriptions
	 * @throws NodeCreationException when the count differs from the function's arity
	 */
	public FunctionNode<O> withParameterDescriptions(@Nullable String... descriptions) {
		checkCount("descriptions", descriptions);
		List<NodeParameter> described = new ArrayList<>();
		for (int i = 0; i < descriptions.length; i++) {
			NodeParameter parameter = this.parameters.get(i);
			described.add(new NodeParameter(parameter.name(), parameter.type(), descriptions[i]));
		}
		return new FunctionNode<>(this, described);
	}

	private void checkCount(String what, @Nullable Object @Nullable [] given) {
		if (given == null || given.length != this.parameterTypes.length) {
			throw new NodeCreationException("Function node '" + this.name + "' takes " + this.parameterTypes.length
					+ " parameter(s) but " + ((given != null) ? given.length : 0) + " " + what + " were given");
		}
	}

	@Override
	public Node<O> create(@Nullable Object... args) {
		@Nullable Object[] actual = (args != null) ? args : new Object[] { null };
		if (!ArgumentMatcher.fits(this.parameterTypes, actual)) {
			throw new NodeCreationException(ArgumentMatcher.mismatch(this.name, this.parameterTypes, null, actual));
		}
		return new Invocation<>(this, actual);
	}

	@Override
	public String toString() {
		return "FunctionNode[" + this.name + "(" + ArgumentMatcher.typeList(this.parameterTypes) + ")]";
	}

	private static Class<?>[] parameterTypes(Serializable function, int arity) {
		Class<?>[] fromLambda = lambdaParameterTypes(function);
		if (fromLambda != null && fromLambda.length == arity) {
			return fromLambda;
		}
		for (Method method : function.getClass().getDeclaredMethods()) {
			if (method.getName().equals("apply") && !method.isBridge() && method.getParameterCount() == arity
					&& !Modifier.isStatic(method.getModifiers())) {
				return method.getParameterTypes();
			}
		}
		Class<?>[] any = new Class<?>[arity];
		java.util.Arrays.fill(any, Object.class);
		return any;
	}

	/**
	 * Names and generic types from the implementing method of a method reference, when it takes exactly the
	 * function's parameters; {@code argN} and the erased types otherwise (lambdas, unbound receivers).
	 */
	private static List<NodeParameter> describe(Serializable function, Class<?>[] types) {
		Method implementation = implementation(function);
		if (implementation != null && implementation.getParameterCount() == types.length && !implementation.isSynthetic()) {
			return NodeParameter.of(implementation.getParameters());
		}
		List<NodeParameter> parameters = new ArrayList<>(types.length);
		for (int i = 0; i < types.length; i++) {
			Type type = (implementation != null && implementation.getParameterCount() == types.length)
					? implementation.getGenericParameterTypes()[i] : types[i];
			parameters.add(new NodeParameter("arg" + i, type, null));
		}
		return List.copyOf(parameters);
	}

	private static @Nullable Method implementation(Serializable function) {
		SerializedLambda lambda = serializedLambda(function);
		if (lambda == null) {
			return null;
		}
		try {
			ClassLoader loader = function.getClass().getClassLoader();
			Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
			for (Method method : owner.getDeclaredMethods()) {
				if (method.getName().equals(lambda.getImplMethodName()) && MethodType
					.methodType(method.getReturnType(), method.getParameterTypes())
					.toMethodDescriptorString()
					.equals(lambda.getImplMethodSignature())) {
					return method;
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Not reachable from here: the parameters keep generic names.
		}
		return null;
	}

	private static @Nullable SerializedLambda serializedLambda(Serializable function) {
		try {
			Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
			writeReplace.setAccessible(true);
			return (writeReplace.invoke(function) instanceof SerializedLambda lambda) ? lambda : null;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static Class<?> @Nullable [] lambdaParameterTypes(Serializable function) {
		SerializedLambda lambda = serializedLambda(function);
		if (lambda == null) {
			// Not a serializable lambda (or not open to us): fall back to the apply method's declared types.
			return null;
		}
		try {
			ClassLoader loader = function.getClass().getClassLoader();
			Class<?>[] types = MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(), loader)
				.parameterArray();
			restorePrimitives(types, lambda, loader);
			return types;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * A method reference to a method with primitive parameters ({@code Math::abs}) has boxed instantiated types, yet
	 * cannot take {@code null}: use the primitive types so that validation refuses {@code null} for them.
	 */
	private static void restorePrimitives(Class<?>[] types, SerializedLambda lambda, ClassLoader loader) {
		Class<?>[] implemented = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader)
			.parameterArray();
		int kind = lambda.getImplMethodKind();
		int receiver = (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface
				|| kind == MethodHandleInfo.REF_invokeSpecial) ? 1 : 0;
		// Captured arguments (a bound receiver first) precede the function's own parameters.
		int captured = implemented.length + receiver - types.length;
		for (int i = 0; i < types.length; i++) {
			int index = captured + i - receiver;
			if (index >= 0 && index < implemented.length && implemented[index].isPrimitive()
					&& ArgumentMatcher.box(implemented[index]) == types[i]) {
				types[i] = implemented[index];
			}
		}
	}

	/** One call of a function node. */
	private static final class Invocation<O> extends Node<O> {

		private final FunctionNode<O> definition;

		private final @Nullable Object[] args;

		Invocation(FunctionNode<O> definition, @Nullable Object[] args) {
			this.definition = definition;
			this.args = args;
		}

		@Override
		public O invoke() throws Exception {
			return this.definition.body.apply(this.args);
		}

		@Override
		public String name() {
			return this.definition.name;
		}

		@Override
		public NodeType type() {
			return NodeType.TOOL;
		}

	}

}
