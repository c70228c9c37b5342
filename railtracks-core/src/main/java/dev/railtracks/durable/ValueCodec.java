package dev.railtracks.durable;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;

import dev.railtracks.llm.Message;

/**
 * Writes the values of durable calls (arguments, results, a flow's arguments and result, a model round's messages and
 * answer) as texts, and checks, when a call is made, that each reads back as a value of the same type: what recovery
 * would read is known before anything is recorded. Its Jackson writes class names, as DBOS's default serialiser does,
 * and writes messages as the records they are (their {@code @JsonValue} is the saved state's shape, which cannot be
 * read back). DBOS itself only ever stores these texts, so DBOS's configured serialiser does not matter here.
 */
final class ValueCodec {

	private final JsonMapper mapper;

	ValueCodec() {
		DefaultTypeResolverBuilder typer = new DefaultTypeResolverBuilder(
				BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(), DefaultTyping.NON_FINAL,
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
			.build();
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
		try {
			String text = this.mapper.writeValueAsString(array);
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

	/** Arguments written by {@link #arguments}. */
	@Nullable Object[] readArguments(String text) {
		return (Object[]) this.mapper.readValue(text, Object.class);
	}

	/** A value written by {@link #value}. */
	@Nullable Object readValue(String text) {
		return this.mapper.readValue(text, Object.class);
	}

	/** Turns off {@link Message}'s {@code @JsonValue}, so that messages are written with their components. */
	private abstract static class MessageAsRecord {

		@JsonValue(false)
		abstract Map<String, Object> toJson();

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
