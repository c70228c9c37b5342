package dev.railtracks;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

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

	private static Class<?> @Nullable [] lambdaParameterTypes(Serializable function) {
		try {
			Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
			writeReplace.setAccessible(true);
			if (writeReplace.invoke(function) instanceof SerializedLambda lambda) {
				ClassLoader loader = function.getClass().getClassLoader();
				Class<?>[] types = MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(), loader)
					.parameterArray();
				restorePrimitives(types, lambda, loader);
				return types;
			}
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Not a serializable lambda (or not open to us): fall back to the apply method's declared types.
		}
		return null;
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
