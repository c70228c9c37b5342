package dev.railtracks;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The definition of a {@link Node} subclass: picks the constructor whose parameters fit the call's arguments.
 */
final class ClassNodeDefinition<O> implements NodeDefinition<O> {

	private static final ClassValue<ClassNodeDefinition<?>> CACHE = new ClassValue<>() {
		@Override
		protected ClassNodeDefinition<?> computeValue(Class<?> type) {
			return new ClassNodeDefinition<>(type);
		}
	};

	private final Class<?> nodeClass;

	private final String name;

	private final Constructor<?>[] constructors;

	private ClassNodeDefinition(Class<?> nodeClass) {
		if (!Node.class.isAssignableFrom(nodeClass)) {
			throw new NodeCreationException(nodeClass.getName() + " is not a Node subclass");
		}
		if (Modifier.isAbstract(nodeClass.getModifiers())) {
			throw new NodeCreationException("Node class " + nodeClass.getName() + " is abstract; pass a concrete subclass");
		}
		this.nodeClass = nodeClass;
		this.name = Node.defaultName(nodeClass);
		// Most specific first, so that Greet(String) wins over Greet(Object) for a String argument.
		this.constructors = Arrays.stream(nodeClass.getDeclaredConstructors())
			.filter((constructor) -> !constructor.isSynthetic())
			.sorted(Comparator.<Constructor<?>>comparingInt(Constructor::getParameterCount)
				.thenComparing(ClassNodeDefinition::specificity, Comparator.reverseOrder()))
			.toArray(Constructor<?>[]::new);
		if (this.constructors.length == 0) {
			throw new NodeCreationException("Node class " + nodeClass.getName() + " has no constructor");
		}
		for (Constructor<?> constructor : this.constructors) {
			try {
				constructor.setAccessible(true);
			}
			catch (RuntimeException ex) {
				// Not open to us (module rules): creation reports it if this constructor is the one needed.
			}
		}
	}

	static ClassNodeDefinition<?> forClass(Class<?> nodeClass) {
		return CACHE.get(nodeClass);
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * The parameters of the constructor with the most parameters (the only one, for most node classes).
	 */
	@Override
	public List<NodeParameter> parameters() {
		Constructor<?> widest = this.constructors[this.constructors.length - 1];
		return NodeParameter.of(widest.getParameters());
	}

	@Override
	@SuppressWarnings("unchecked")
	public Node<O> create(@Nullable Object... args) {
		@Nullable Object[] actual = (args != null) ? args : new Object[] { null };
		Constructor<?> constructor = select(actual);
		try {
			return (Node<O>) constructor.newInstance(actual);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			throw new NodeCreationException("Node '" + this.name + "' could not be created: its constructor threw " + cause,
					cause);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new NodeCreationException("Node '" + this.name + "' could not be created through " + constructor + ": " + ex,
					ex);
		}
	}

	private Constructor<?> select(@Nullable Object[] args) {
		Constructor<?> sameArity = null;
		Constructor<?> best = null;
		int candidates = 0;
		for (Constructor<?> constructor : this.constructors) {
			if (constructor.getParameterCount() != args.length) {
				continue;
			}
			if (ArgumentMatcher.fits(constructor.getParameterTypes(), args)) {
				if (best == null || moreSpecific(constructor.getParameterTypes(), best.getParameterTypes())) {
					best = constructor;
				}
				continue;
			}
			sameArity = constructor;
			candidates++;
		}
		if (best != null) {
			return best;
		}
		if (candidates == 1 && sameArity != null) {
			throw new NodeCreationException(ArgumentMatcher.mismatch(this.name, sameArity.getParameterTypes(),
					sameArity.getParameters(), args));
		}
		String available = Arrays.stream(this.constructors)
			.map((constructor) -> this.name + "(" + ArgumentMatcher.typeList(constructor.getParameterTypes()) + ")")
			.collect(Collectors.joining(", "));
		throw new NodeCreationException("Node '" + this.name + "' has no constructor for " + args.length + " argument(s) ("
				+ ArgumentMatcher.describeAll(args) + "); available: " + available);
	}

	/** Whether every parameter of {@code a} is at least as specific as (assignable to) that of {@code b}. */
	private static boolean moreSpecific(Class<?>[] a, Class<?>[] b) {
		for (int i = 0; i < a.length; i++) {
			if (!ArgumentMatcher.box(b[i]).isAssignableFrom(ArgumentMatcher.box(a[i]))) {
				return false;
			}
		}
		return true;
	}

	private static int specificity(Constructor<?> constructor) {
		int depth = 0;
		for (Class<?> type : constructor.getParameterTypes()) {
			for (Class<?> c = type; c != null; c = c.getSuperclass()) {
				depth++;
			}
		}
		return depth;
	}

	@Override
	public String toString() {
		return "NodeDefinition[" + this.nodeClass.getName() + "]";
	}

}
