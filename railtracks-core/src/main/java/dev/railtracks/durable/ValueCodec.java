package dev.railtracks.durable;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;

import dev.railtracks.RailtracksException;
import dev.railtracks.llm.Message;

/**
 * Writes the values of durable calls (arguments, results, a flow's arguments and result, a model round's messages and
 * answer) as texts, and checks, when a call is made, that each reads back as a value of the same type: what recovery
 * would read is known before anything is recorded. Its Jackson writes class names, as DBOS's default serialiser does,
 * and writes messages as the records they are (their serializer writes the saved state's shape, which cannot be
 * read back). DBOS itself only ever stores these texts, so DBOS's configured serialiser does not matter here.
 *
 * <p>The class names it reads back are checked against an allow-list, so that whoever can write DBOS's tables cannot
 * make it create arbitrary classes: the JDK's value types (strings, boxed primitives, {@code java.math}, {@code java.time},
 * {@code UUID}, {@code URI}, {@code Locale}, {@code Currency}, {@code Optional} and the collections and maps of
 * {@code java.util}), arrays of allowed types, the types of {@code dev.railtracks}, and those of the packages
 * given to {@link Durability#allowValuePackages}.
 */
final class ValueCodec {

	/** The JDK classes allowed besides {@code java.time}'s and {@code java.util}'s collections and maps. */
	private static final Set<String> JDK_VALUES = Set.of("java.lang.Object", "java.lang.String", "java.lang.Boolean",
			"java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
			"java.lang.Float", "java.lang.Double", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
			"java.net.URI", "java.util.Locale", "java.util.Currency", "java.util.Optional");

	private static final String RAILTRACKS = "dev.railtracks.";

	/** Reads texts as trees, to compare them. */
	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final JsonMapper mapper;

	/** The longest text a value (or a call's arguments) may have, in characters. */
	private volatile int maxChars = Durability.DEFAULT_MAX_CHECKPOINT_CHARS;

	/** The packages whose types values may have, besides the JDK's and Railtracks' ({@code com.example.}). */
	private final Set<String> packages = new CopyOnWriteArraySet<>();

	ValueCodec() {
		DefaultTypeResolverBuilder typer = new DefaultTypeResolverBuilder(new AllowList(), DefaultTyping.NON_FINAL,
				JsonTypeInfo.As.PROPERTY, JsonTypeInfo.Id.CLASS, null) {

			private static final long serialVersionUID = 1L;

			// Class names on every value, final ones (records) included: recovery reads them without a declared type.
			@Override
			public boolean useForType(JavaType type) {
				return !type.isPrimitive();
			}

		};
		this.mapper = JsonMapper.builder()
			.setDefaultTyping(typer)
			.addMixIn(Message.class, MessageAsRecord.class)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			// The same map, whatever its iteration order in this JVM, writes the same text.
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.disable(SerializationFeature.FAIL_ON_ORDER_MAP_BY_INCOMPARABLE_KEY)
			.build();
	}

	/**
	 * Sets the longest text a value, or a call's arguments, may have.
	 * @param maxChars the limit, in characters
	 */
	void maxChars(int maxChars) {
		this.maxChars = maxChars;
	}

	/**
	 * Whether two texts written by this codec are the same values: the same JSON, where maps' entries and sets'
	 * elements may come in another order (a hash map or set iterates in another order in another JVM).
	 * @param recorded the text a checkpoint recorded
	 * @param made the text of the call made now
	 * @return whether they are equal
	 */
	boolean same(String recorded, String made) {
		if (recorded.equals(made)) {
			return true;
		}
		try {
			return equivalent(PLAIN.readTree(recorded), PLAIN.readTree(made));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private boolean equivalent(JsonNode a, JsonNode b) {
		if (a.isObject() && b.isObject()) {
			if (a.size() != b.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> field : a.properties()) {
				JsonNode other = b.get(field.getKey());
				if (other == null || !equivalent(field.getValue(), other)) {
					return false;
				}
			}
			return true;
		}
		if (a.isArray() && b.isArray()) {
			if (a.size() != b.size()) {
				return false;
			}
			if (a.size() == 2 && isSetType(a.get(0)) && a.get(0).equals(b.get(0)) && a.get(1).isArray()
					&& b.get(1).isArray()) {
				return sameElements(a.get(1), b.get(1));
			}
			for (int i = 0; i < a.size(); i++) {
				if (!equivalent(a.get(i), b.get(i))) {
					return false;
				}
			}
			return true;
		}
		return a.equals(b);
	}

	/** Whether two arrays hold equivalent elements, in any order. */
	private boolean sameElements(JsonNode a, JsonNode b) {
		if (a.size() != b.size()) {
			return false;
		}
		boolean[] matched = new boolean[b.size()];
		for (JsonNode element : a) {
			boolean found = false;
			for (int i = 0; i < b.size() && !found; i++) {
				if (!matched[i] && equivalent(element, b.get(i))) {
					matched[i] = true;
					found = true;
				}
			}
			if (!found) {
				return false;
			}
		}
		return true;
	}

	/** Whether a node is the class name of an allowed {@link Set} type, as a typed value's first element. */
	private boolean isSetType(JsonNode node) {
		if (!node.isString() || !allowed(node.asString())) {
			return false;
		}
		try {
			return Set.class.isAssignableFrom(Class.forName(node.asString(), false, ValueCodec.class.getClassLoader()));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Allows values of the types of more packages.
	 * @param names the packages' names (their sub-packages are allowed too)
	 */
	void allowPackages(List<String> names) {
		names.forEach((name) -> this.packages.add(name.endsWith(".") ? name : name + "."));
	}

	/** Whether a class name read back is one a value may have (the class is not loaded). */
	boolean allowed(String className) {
		String name = className;
		while (name.startsWith("[")) {
			name = name.substring(1);
		}
		if (name.length() != className.length()) {
			if (name.length() == 1) {
				return true; // an array of primitives
			}
			if (!name.startsWith("L") || !name.endsWith(";")) {
				return false;
			}
			name = name.substring(1, name.length() - 1);
		}
		if (JDK_VALUES.contains(name) || name.startsWith("java.time.") || name.startsWith(RAILTRACKS)
				|| (name.startsWith("java.util.") && name.indexOf('.', "java.util.".length()) < 0)) {
			return true;
		}
		for (String allowed : this.packages) {
			if (name.startsWith(allowed)) {
				return true;
			}
		}
		return false;
	}

	/** The type check of the names read back: {@link #allowed} names, and of {@code java.util} only collections and maps. */
	private final class AllowList extends PolymorphicTypeValidator.Base {

		private static final long serialVersionUID = 1L;

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return allowed(subClassName) ? Validity.INDETERMINATE : Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			Class<?> type = subType.getRawClass();
			while (type.isArray()) {
				type = type.getComponentType();
			}
			String name = type.getName();
			if (type.isPrimitive() || !allowed(name)) {
				return type.isPrimitive() ? Validity.ALLOWED : Validity.DENIED;
			}
			boolean javaUtil = name.startsWith("java.util.") && !JDK_VALUES.contains(name);
			return (!javaUtil || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
					? Validity.ALLOWED : Validity.DENIED;
		}

	}

	/**
	 * The failure a call's checkpoint recorded, to throw again: of its recorded class when that class is an allowed
	 * {@link Exception} whose constructor taking a message gives it the recorded message, else a
	 * {@link RailtracksException} naming the class and the message.
	 * @param recorded a failed call's checkpoint
	 * @return the failure
	 */
	Exception failure(Checkpoint recorded) {
		String type = String.valueOf(recorded.failure());
		String message = recorded.failureMessage();
		if (allowed(type) || type.startsWith("java.lang.") || type.startsWith("java.io.")) {
			try {
				ClassLoader loader = Thread.currentThread().getContextClassLoader();
				Class<?> failureClass = Class.forName(type, false,
						(loader != null) ? loader : ValueCodec.class.getClassLoader());
				if (Exception.class.isAssignableFrom(failureClass)) {
					Object failure = failureClass.getConstructor(String.class).newInstance(message);
					if (failure instanceof Exception exception && Objects.equals(exception.getMessage(), message)) {
						return exception;
					}
				}
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				// Not remade: the failure is told as a RailtracksException.
			}
		}
		return new RailtracksException("Replayed failure of " + Checkpoint.describe(recorded.node(), recorded.arguments())
				+ ": " + type + ((message != null) ? ": " + message : ""));
	}

	/**
	 * The arguments' text, checked to read back.
	 * @param what the call, as messages name it (e.g. {@code node 'search'})
	 * @param arguments the arguments
	 * @return their text
	 * @throws UncheckpointableValueException naming the first argument that cannot be checkpointed and its type
	 */
	String arguments(String what, List<@Nullable Object> arguments) {
		Object[] array = arguments.toArray();
		String text;
		try {
			text = this.mapper.writeValueAsString(array);
		}
		catch (RuntimeException ex) {
			throw culprit(what, arguments, ex);
		}
		checkSize("The arguments of " + what, text);
		try {
			Object restored = this.mapper.readValue(text, Object.class);
			if (restored instanceof Object[] values && values.length == array.length && sameKinds(array, values)) {
				return text;
			}
		}
		catch (RuntimeException ex) {
			throw culprit(what, arguments, ex);
		}
		throw culprit(what, arguments, null);
	}

	/**
	 * A result's text, checked to read back.
	 * @param what the call, as messages name it
	 * @param value the result
	 * @return its text
	 * @throws UncheckpointableValueException naming the call and the result's type
	 */
	String value(String what, @Nullable Object value) {
		String text;
		@Nullable Object restored;
		try {
			text = this.mapper.writeValueAsString(value);
		}
		catch (RuntimeException ex) {
			throw unreadable("The result of " + what, value, ex);
		}
		checkSize("The result of " + what, text);
		try {
			restored = this.mapper.readValue(text, Object.class);
		}
		catch (RuntimeException ex) {
			throw unreadable("The result of " + what, value, ex);
		}
		if (!sameKind(value, restored)) {
			throw unreadable("The result of " + what, value, null);
		}
		return text;
	}

	/** Refuses a text longer than the limit: every checkpoint is written to PostgreSQL and read back on recovery. */
	private void checkSize(String what, String text) {
		if (text.length() > this.maxChars) {
			throw new UncheckpointableValueException(what + " is " + text.length() + " characters as a checkpoint, more "
					+ "than the maximum of " + this.maxChars + " (Durability.maxCheckpointChars): pass a reference to the "
					+ "data (a file, a row, a URL) instead of the data", null);
		}
	}

	/** Arguments written by {@link #arguments}. */
	@Nullable Object[] readArguments(String text) {
		return (Object[]) this.mapper.readValue(text, Object.class);
	}

	/** A value written by {@link #value}. */
	@Nullable Object readValue(String text) {
		return this.mapper.readValue(text, Object.class);
	}

	/** Turns off {@link Message}'s serializer, so that messages are written with their components. */
	@JsonSerialize(using = ValueSerializer.None.class)
	private abstract static class MessageAsRecord {

	}

	private UncheckpointableValueException culprit(String what, List<@Nullable Object> arguments,
			@Nullable RuntimeException failure) {
		for (int i = 0; i < arguments.size(); i++) {
			Object argument = arguments.get(i);
			try {
				value("argument", argument);
			}
			catch (UncheckpointableValueException ex) {
				return unreadable("Argument " + i + " of " + what, argument, ex.getCause());
			}
		}
		return new UncheckpointableValueException("The arguments of " + what + " cannot be checkpointed"
				+ ((failure != null) ? ": " + failure.getMessage() : ""), failure);
	}

	private static UncheckpointableValueException unreadable(String what, @Nullable Object value,
			@Nullable Throwable failure) {
		String type = (value != null) ? value.getClass().getName() : "null";
		String why = (failure != null) ? "the serialiser failed: " + failure.getMessage()
				: "it reads back as another type";
		return new UncheckpointableValueException(what + " (a " + type + ") cannot be checkpointed in a durable run: "
				+ why + ". Use values Jackson can write and read back (records, lists, maps, strings, numbers)", failure);
	}

	private static boolean sameKinds(@Nullable Object[] written, @Nullable Object[] read) {
		for (int i = 0; i < written.length; i++) {
			if (!sameKind(written[i], read[i])) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a value read back is of the written value's type: the same class, or for collections and maps (whose
	 * immutable JDK implementations read back as their mutable kin) the same kind.
	 */
	private static boolean sameKind(@Nullable Object written, @Nullable Object read) {
		if (written == null || read == null) {
			return written == read;
		}
		if (written instanceof List<?>) {
			return read instanceof List<?>;
		}
		if (written instanceof Collection<?>) {
			return read instanceof Collection<?>;
		}
		if (written instanceof Map<?, ?>) {
			return read instanceof Map<?, ?>;
		}
		return written.getClass() == read.getClass();
	}

}
