package dev.railtracks.info;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.support.ValueText;

/**
 * Writes one value of the record (an argument, an output, a detail) as JSON data the way the original writes it:
 * JSON scalars as themselves, maps and lists as objects and arrays, a failure as {@code {type, message, traceback}},
 * other objects through Jackson data binding, and what cannot be data as the text
 * {@code "< Unable to serialize <type> > <text>"}. Writing never throws for a value, so one odd value never costs the
 * rest of the record:
 * <ul>
 * <li>a map or list that contains itself, or an object that reaches itself, becomes the placeholder;</li>
 * <li>nesting deeper than {@value #MAX_DEPTH} levels becomes the placeholder, so no value can overflow the stack;</li>
 * <li>a {@code toString()} that throws (even an {@code Error}) leaves a note in place of the text
 * ({@link ValueText});</li>
 * <li>{@code NaN} and infinities are written as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}: JSON has no such numbers, and the file must stay valid JSON;</li>
 * <li>{@code byte[]} is written as a base64 string, as Jackson writes it: lossless and compact, where the original's
 * fallback would write the placeholder.</li>
 * </ul>
 */
final class ValueJson {

	/** How deeply values nest before the rest is written as the placeholder. */
	static final int MAX_DEPTH = 100;

	/**
	 * Binds plain objects. An object with no properties fails rather than becoming {@code {}},
	 * so its text is kept; the nesting limit stops an object that reaches itself long before the stack runs out.
	 */
	private static final JsonMapper BINDER = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
			.build())
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private ValueJson() {
	}

	/**
	 * Writes a value.
	 * @param json where to write
	 * @param value the value
	 */
	static void write(JsonGenerator json, @Nullable Object value) {
		write(json, value, 0);
	}

	/**
	 * Writes a map with string keys as a JSON object.
	 * @param json where to write
	 * @param map the map
	 */
	static void writeMap(JsonGenerator json, Map<String, ?> map) {
		writeMap(json, map, 0);
	}

	@SuppressWarnings("unchecked")
	private static void write(JsonGenerator json, @Nullable Object value, int depth) {
		if (value == null) {
			json.writeNull();
		}
		else if (value instanceof String text) {
			json.writeString(text);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			json.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			writeDouble(json, ((Number) value).doubleValue());
		}
		else if (value instanceof BigDecimal decimal) {
			json.writeNumber(decimal);
		}
		else if (value instanceof BigInteger integer) {
			json.writeNumber(integer);
		}
		else if (value instanceof Boolean flag) {
			json.writeBoolean(flag);
		}
		else if (value instanceof Failure failure) {
			writeThrowable(json, failure.exception());
		}
		else if (value instanceof Throwable error) {
			writeThrowable(json, error);
		}
		else if (depth >= MAX_DEPTH) {
			json.writeString(ValueText.unserializable(value, "(nested more than " + MAX_DEPTH + " levels deep)"));
		}
		else if ((value instanceof Map || value instanceof Iterable) && isEnclosing(json, value)) {
			json.writeString(ValueText.unserializable(value, "(it contains itself)"));
		}
		else if (value instanceof Map<?, ?> map && hasStringKeys(map)) {
			writeMap(json, (Map<String, ?>) map, depth);
		}
		else if (value instanceof Iterable<?> items && !(value instanceof java.nio.file.Path)) {
			json.writeStartArray(items);
			for (Object item : items) {
				write(json, item, depth + 1);
			}
			json.writeEndArray();
		}
		else {
			writeBound(json, value);
		}
	}

	private static void writeMap(JsonGenerator json, Map<String, ?> map, int depth) {
		json.writeStartObject(map);
		for (Map.Entry<String, ?> entry : map.entrySet()) {
			json.writeName(entry.getKey());
			write(json, entry.getValue(), depth + 1);
		}
		json.writeEndObject();
	}

	private static boolean hasStringKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				return false;
			}
		}
		return true;
	}

	/** Whether a collection is already being written further out, so writing it again would never end. */
	private static boolean isEnclosing(JsonGenerator json, Object value) {
		for (TokenStreamContext context = json.streamWriteContext(); context != null; context = context.getParent()) {
			if (context.currentValue() == value) {
				return true;
			}
		}
		return false;
	}

	private static void writeDouble(JsonGenerator json, double number) {
		if (Double.isFinite(number)) {
			json.writeNumber(number);
		}
		else {
			json.writeString(Double.toString(number));
		}
	}

	/** Binds the value apart first, so a failure half-way leaves nothing half-written in the record. */
	private static void writeBound(JsonGenerator json, Object value) {
		String bound;
		try {
			bound = BINDER.writeValueAsString(value);
		}
		catch (Throwable ex) {
			ValueText.rethrowIfFatal(ex);
			bound = null;
		}
		if (bound != null) {
			json.writeRawValue(bound);
		}
		else {
			json.writeString(ValueText.unserializable(value));
		}
	}

	/**
	 * A failure as the original writes it: the exception's simple class name as {@code type} (what tools group by;
	 * the traceback's first line carries the full name), its message, and its stack trace.
	 */
	private static void writeThrowable(JsonGenerator json, Throwable error) {
		json.writeStartObject();
		json.writeStringProperty("type", typeName(error));
		json.writeName("message");
		String message = message(error);
		if (message != null) {
			json.writeString(message);
		}
		else {
			json.writeNull();
		}
		json.writeStringProperty("traceback", traceback(error));
		json.writeEndObject();
	}

	static String typeName(Throwable error) {
		String simple = error.getClass().getSimpleName();
		return simple.isEmpty() ? error.getClass().getName() : simple;
	}

	private static @Nullable String message(Throwable error) {
		try {
			return error.getMessage();
		}
		catch (Throwable ex) {
			ValueText.rethrowIfFatal(ex);
			return "(getMessage() of " + error.getClass().getName() + " failed: " + ex.getClass().getName() + ")";
		}
	}

	private static String traceback(Throwable error) {
		StringWriter trace = new StringWriter();
		try {
			error.printStackTrace(new PrintWriter(trace));
			return trace.toString();
		}
		catch (Throwable ex) {
			ValueText.rethrowIfFatal(ex);
			return error.getClass().getName() + " (its stack trace could not be printed: " + ex.getClass().getName()
					+ ")";
		}
	}

}
