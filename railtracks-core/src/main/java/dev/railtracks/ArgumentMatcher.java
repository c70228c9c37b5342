package dev.railtracks;

import java.lang.invoke.MethodType;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Checks call arguments against parameter types, with the boxing rules of a method call, and names the first
 * argument that does not fit.
 */
final class ArgumentMatcher {

	/**
	 * The wrapper of each primitive type, from the JDK's boxing rules; cached because {@link MethodType#wrap()} costs
	 * tens of nanoseconds and every call with a primitive parameter asks.
	 */
	private static final ClassValue<Class<?>> WRAPPERS = new ClassValue<>() {

		@Override
		protected Class<?> computeValue(Class<?> type) {
			return MethodType.methodType(type).wrap().returnType();
		}

	};

	private ArgumentMatcher() {
	}

	static boolean fits(Class<?>[] types, @Nullable Object[] args) {
		if (types.length != args.length) {
			return false;
		}
		for (int i = 0; i < types.length; i++) {
			if (!fits(types[i], args[i])) {
				return false;
			}
		}
		return true;
	}

	static boolean fits(Class<?> type, @Nullable Object arg) {
		if (arg == null) {
			return !type.isPrimitive();
		}
		return box(type).isInstance(arg);
	}

	/**
	 * Describes why {@code args} do not fit {@code types}: the count, or the first argument of the wrong type.
	 */
	static String mismatch(String node, Class<?>[] types, Parameter @Nullable [] parameters, @Nullable Object[] args) {
		if (types.length != args.length) {
			return "Node '" + node + "' takes " + types.length + " argument(s) (" + typeList(types) + ") but was called with "
					+ args.length + " (" + describeAll(args) + ")";
		}
		for (int i = 0; i < types.length; i++) {
			if (!fits(types[i], args[i])) {
				String parameter = (parameters != null && parameters[i].isNamePresent()) ? " '" + parameters[i].getName() + "'"
						: "";
				return "Node '" + node + "': argument " + (i + 1) + " (" + describe(args[i]) + ") does not fit parameter"
						+ parameter + " of type " + types[i].getSimpleName();
			}
		}
		return "Node '" + node + "': arguments fit";
	}

	static String typeList(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
	}

	static String describeAll(@Nullable Object[] args) {
		return Arrays.stream(args).map(ArgumentMatcher::describe).collect(Collectors.joining(", "));
	}

	static String describe(@Nullable Object arg) {
		if (arg == null) {
			return "null";
		}
		String text = String.valueOf(arg);
		if (text.length() > 40) {
			text = text.substring(0, 37) + "...";
		}
		return arg.getClass().getSimpleName() + " " + text;
	}

	static Class<?> box(Class<?> type) {
		return type.isPrimitive() ? WRAPPERS.get(type) : type;
	}

}
