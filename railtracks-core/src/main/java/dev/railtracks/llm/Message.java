package dev.railtracks.llm;

import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One message of a conversation with a model. Recorded and saved as {@code {"role": ..., "content": ...}}, the shape
 * the Railtracks tools read.
 * <p>
 * Jackson writes a message as {@link #toJson()} through {@link JacksonSerializable} rather than {@code @JsonValue}:
 * Jackson 3 resolves a {@code @JsonValue} map's serializer anew for every value written, which made the messages
 * of an agent's record most of the cost of saving its session.
 */
public sealed interface Message extends JacksonSerializable
		permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {

	/**
	 * The message's role.
	 * @return {@code system}, {@code user}, {@code assistant} or {@code tool}
	 */
	String role();

	/**
	 * The message as saved: its role and its content (text, the tool calls, or the tool result).
	 * @return a map with {@code role} and {@code content}
	 */
	Map<String, Object> toJson();

	/**
	 * Writes {@link #toJson()} as a JSON object.
	 * @param json where to write
	 * @param context Jackson's context, which writes the content
	 */
	@Override
	default void serialize(JsonGenerator json, SerializationContext context) {
		json.writeStartObject(this);
		writeProperties(json, context);
		json.writeEndObject();
	}

	/**
	 * Writes {@link #toJson()} as a JSON object carrying the type id the mapper's polymorphic typing asks for.
	 * @param json where to write
	 * @param context Jackson's context, which writes the content
	 * @param typeSerializer writes the type id
	 */
	@Override
	default void serializeWithType(JsonGenerator json, SerializationContext context, TypeSerializer typeSerializer) {
		WritableTypeId typeId = typeSerializer.writeTypePrefix(json, context,
				typeSerializer.typeId(this, JsonToken.START_OBJECT));
		writeProperties(json, context);
		typeSerializer.writeTypeSuffix(json, context, typeId);
	}

	private void writeProperties(JsonGenerator json, SerializationContext context) {
		for (Map.Entry<String, Object> property : toJson().entrySet()) {
			context.defaultSerializeProperty(property.getKey(), property.getValue(), json);
		}
	}

}
