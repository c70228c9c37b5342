package dev.railtracks.durable;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.dbos.transact.json.DBOSJavaSerializer;
import dev.dbos.transact.json.DBOSSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the values of durable calls as DBOS's serialiser does (the one configured on the DBOS instance, else its
 * default, Jackson with class names) and checks, when a call is made, that each reads back as a value of the same type:
 * what recovery would read is known before anything is recorded.
 */
final class ValueCodec {

	private final DBOSSerializer serializer;

	ValueCodec(@Nullable DBOSSerializer serializer) {
		this.serializer = (serializer != null) ? serializer : DBOSJavaSerializer.INSTANCE;
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
			String text = this.serializer.serialize(array);
			Object restored = this.serializer.deserialize(text);
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
			text = this.serializer.serialize(value);
			restored = this.serializer.deserialize(text);
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
		return (Object[]) this.serializer.deserialize(text);
	}

	/** A value written by {@link #value}. */
	@Nullable Object readValue(String text) {
		return this.serializer.deserialize(text);
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
