package dev.railtracks.viz;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Masks the values in a graph's JSON: request inputs and outputs ({@code input_args}, {@code input_kwargs},
 * {@code output}) and node internals (except the engine's own {@code latency} figures and a durable call's
 * {@code call_path}) become {@value #MASK}; a
 * {@code null} stays {@code null}, and a list or object keeps its size and keys. Masking goes by key at any depth, so
 * it applies alike to {@code ExecutionInfo.graphSerialization()} and to a whole saved-session document. The
 * visualiser ({@link SessionBrowser}) and the {@code railtracks} actuator endpoint both mask through here.
 */
public final class GraphValues {

	/** What a masked value is replaced by. */
	public static final String MASK = "******";

	private static final Set<String> VALUE_KEYS = Set.of("input_args", "input_kwargs", "output", "internals");

	private static final String INTERNALS = "internals";

	/** The internals that say where or how a call ran rather than what it handled: never masked. */
	private static final Set<String> STRUCTURAL_INTERNALS = Set.of("latency", "call_path");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private GraphValues() {
	}

	/**
	 * Reads a JSON object, masking values unless they are to be shown.
	 * @param graphJson a JSON object: a graph or a saved-session document
	 * @param showValues whether to keep inputs, outputs and internals as they are
	 * @return the object as maps and lists
	 * @throws tools.jackson.core.JacksonException when the text is not a JSON object
	 */
	public static Map<String, @Nullable Object> read(String graphJson, boolean showValues) {
		if (showValues) {
			return JSON.readValue(graphJson, MAP);
		}
		ByteArrayOutputStream masked = new ByteArrayOutputStream(graphJson.length());
		try (JsonParser in = JSON.createParser(graphJson); JsonGenerator out = JSON.createGenerator(masked)) {
			if (in.nextToken() != null) {
				copy(in, out, false);
			}
		}
		return JSON.readValue(masked.toByteArray(), MAP);
	}

	/**
	 * Writes the JSON value at the parser's current token, and everything inside it, masking values unless they are
	 * to be shown. Numbers keep their exact value. Leaves the parser on the value's last token.
	 * @param in a parser on the first token of a value
	 * @param out where to write it
	 * @param showValues whether to keep inputs, outputs and internals as they are
	 * @throws tools.jackson.core.JacksonException when the text is not valid JSON
	 */
	static void copy(JsonParser in, JsonGenerator out, boolean showValues) {
		if (showValues) {
			out.copyCurrentStructureExact(in);
		}
		else if (in.currentToken() == JsonToken.START_OBJECT) {
			out.writeStartObject();
			while (in.nextToken() == JsonToken.PROPERTY_NAME) {
				copyProperty(in, out, false);
			}
			out.writeEndObject();
		}
		else if (in.currentToken() == JsonToken.START_ARRAY) {
			out.writeStartArray();
			while (in.nextToken() != JsonToken.END_ARRAY) {
				copy(in, out, false);
			}
			out.writeEndArray();
		}
		else {
			out.copyCurrentEventExact(in);
		}
	}

	/**
	 * Writes the property at the parser's current name and its value, masking the value when it is one of the masked
	 * keys and values are not to be shown. Leaves the parser on the value's last token.
	 * @param in a parser on a {@link JsonToken#PROPERTY_NAME}
	 * @param out where to write it
	 * @param showValues whether to keep inputs, outputs and internals as they are
	 * @throws tools.jackson.core.JacksonException when the text is not valid JSON
	 */
	static void copyProperty(JsonParser in, JsonGenerator out, boolean showValues) {
		String key = in.currentName();
		out.writeName(key);
		in.nextToken();
		if (!showValues && VALUE_KEYS.contains(key)) {
			mask(key, in, out);
		}
		else {
			copy(in, out, showValues);
		}
	}

	private static void mask(String key, JsonParser in, JsonGenerator out) {
		JsonToken token = in.currentToken();
		if (token == JsonToken.START_OBJECT) {
			boolean internals = INTERNALS.equals(key);
			out.writeStartObject();
			while (in.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = in.currentName();
				out.writeName(name);
				in.nextToken();
				if (internals && STRUCTURAL_INTERNALS.contains(name)) {
					out.copyCurrentStructureExact(in);
				}
				else {
					in.skipChildren();
					out.writeString(MASK);
				}
			}
			out.writeEndObject();
		}
		else if (token == JsonToken.START_ARRAY) {
			out.writeStartArray();
			while (in.nextToken() != JsonToken.END_ARRAY) {
				in.skipChildren();
				out.writeString(MASK);
			}
			out.writeEndArray();
		}
		else if (token == JsonToken.VALUE_NULL) {
			out.writeNull();
		}
		else {
			out.writeString(MASK);
		}
	}

}
