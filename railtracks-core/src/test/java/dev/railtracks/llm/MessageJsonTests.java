package dev.railtracks.llm;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how Jackson writes a {@link Message}: as its {@link Message#toJson()}.
 */
class MessageJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Stream<Message> messages() {
		return Stream.of(new SystemMessage("You plan trips."), new UserMessage("visit \"Kyoto\""),
				new AssistantMessage("Plan for Kyoto"),
				new AssistantMessage(null, List.of(new ToolCall("call-1", "weather", "{\"city\":\"Kyoto\"}"),
						new ToolCall("call-2", "budget", "{\"days\":3}"))),
				new ToolResultMessage("call-1", "weather", "Kyoto: sunny"));
	}

	@ParameterizedTest
	@MethodSource("messages")
	void aMessageIsWrittenAsItsRoleAndContent(Message message) {
		JsonNode written = JSON.readTree(JSON.writeValueAsString(message));
		assertThat(written).isEqualTo(JSON.valueToTree(message.toJson()));
		assertThat(written.propertyNames()).containsExactlyInAnyOrder("role", "content");
		assertThat(written.get("role").asString()).isEqualTo(message.role());
	}

	@Test
	void aToolCallsContentIsTheCallsWithTheOriginalsFieldNames() {
		Message asking = new AssistantMessage(null, List.of(new ToolCall("call-1", "weather", "{}")));
		JsonNode written = JSON.readTree(JSON.writeValueAsString(asking));
		assertThat(written.get("content")).isEqualTo(
				JSON.readTree("[{\"identifier\":\"call-1\",\"name\":\"weather\",\"arguments\":\"{}\"}]"));
	}

}
