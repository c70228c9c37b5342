package dev.railtracks.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.railtracks.Node;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.NodeType;

/**
 * A node that invokes a {@link RailtracksNode} method on a bean. The bean is looked up on each call, so scoped and
 * proxied beans behave as usual.
 *
 * @param <O> the method's result type
 */
final class BeanMethodNodeDefinition<O> implements NodeDefinition<O> {

	private final String name;

	private final NodeType type;

	private final String beanName;

	private final Method method;

	private final Supplier<Object> bean;

	BeanMethodNodeDefinition(String name, NodeType type, String beanName, Method method, Supplier<Object> bean) {
		if (name.isBlank()) {
			throw new IllegalStateException("@RailtracksNode on " + method + " of bean '" + beanName
					+ "' needs a non-blank name");
		}
		this.name = name;
		this.type = type;
		this.beanName = beanName;
		this.method = method;
		this.bean = bean;
		ReflectionUtils.makeAccessible(method);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public NodeType type() {
		return this.type;
	}

	String beanName() {
		return this.beanName;
	}

	Method method() {
		return this.method;
	}

	@Override
	public Node<O> create(@Nullable Object... args) {
		@Nullable Object[] actual = (args != null) ? args : new Object[] { null };
		Class<?>[] types = this.method.getParameterTypes();
		if (types.length != actual.length) {
			throw new NodeCreationException("Node '" + this.name + "' takes " + types.length + " argument(s) ("
					+ typeList(types) + ") but was called with " + actual.length + "; check the call of " + this.name);
		}
		for (int i = 0; i < types.length; i++) {
			if (!fits(types[i], actual[i])) {
				throw new NodeCreationException("Node '" + this.name + "' argument " + (i + 1) + " ("
						+ this.method.getParameters()[i].getName() + ") must be " + types[i].getSimpleName() + " but was "
						+ describe(actual[i]) + "; pass a value of that type");
			}
		}
		return new Invocation<>(this, actual);
	}

	@Override
	public String toString() {
		return "BeanMethodNode[" + this.name + " = " + this.beanName + "." + this.method.getName() + "("
				+ typeList(this.method.getParameterTypes()) + ")]";
	}

	private static boolean fits(Class<?> type, @Nullable Object arg) {
		return (arg != null) ? ClassUtils.resolvePrimitiveIfNecessary(type).isInstance(arg) : !type.isPrimitive();
	}

	private static String describe(@Nullable Object arg) {
		return (arg != null) ? arg.getClass().getSimpleName() + " '" + arg + "'" : "null";
	}

	private static String typeList(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
	}

	/** One call of a bean-method node. */
	private static final class Invocation<O> extends Node<O> {

		private final BeanMethodNodeDefinition<O> definition;

		private final @Nullable Object[] args;

		Invocation(BeanMethodNodeDefinition<O> definition, @Nullable Object[] args) {
			this.definition = definition;
			this.args = args;
		}

		@Override
		@SuppressWarnings("unchecked")
		public O invoke() throws Exception {
			Object target = this.definition.bean.get();
			Method invocable = AopUtils.selectInvocableMethod(this.definition.method, target.getClass());
			try {
				return (O) invocable.invoke(target, this.args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getTargetException();
				if (cause instanceof Exception exception) {
					throw exception;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw new NodeInvocationException("Node '" + this.definition.name + "' failed", cause);
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
