package dev.railtracks.llm;

import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link Message} as its {@link Message#toJson()}, for every mapper (the saved state's among them). A
 * serializer rather than {@code @JsonValue} on {@code toJson()}: Jackson 3's {@code @JsonValue} path resolves the map's
 * serializer anew for every message written, which made messages most of the cost of saving an agent's session.
 */
public final class MessageSerializer extends StdSerializer<Message> {

	/** Made by Jackson, from {@link Message}'s {@code @JsonSerialize}. */
	public MessageSerializer() {
		super(Message.class);
	}

	@Override
	public void serialize(Message message, JsonGenerator json, SerializationContext context) {
		json.writeStartObject(message);
		for (Map.Entry<String, Object> property : message.toJson().entrySet()) {
			context.defaultSerializeProperty(property.getKey(), property.getValue(), json);
		}
		json.writeEndObject();
	}

}
