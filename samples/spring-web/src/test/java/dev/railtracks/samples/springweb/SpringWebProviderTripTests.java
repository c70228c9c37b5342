package dev.railtracks.samples.springweb;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.railtracks.autoconfigure.ai.wire.AnthropicWire;
import dev.railtracks.autoconfigure.ai.wire.FakeProviderServer;
import dev.railtracks.autoconfigure.ai.wire.OllamaWire;
import dev.railtracks.autoconfigure.ai.wire.OpenAiWire;
import dev.railtracks.autoconfigure.ai.wire.ProviderWire;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ToolResultMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's whole trip-planner conversation with {@code trip-planner.scripted=false}, through each of Spring AI's
 * provider modules (as docs/agents.md "Switching to a real provider" sets them up) against a fake provider server that
 * plans like the demo's scripted model: two tools in parallel, then one, then the plan.
 */
class SpringWebProviderTripTests {

	static Stream<ProviderWire> wires() {
		return Stream.of(new OpenAiWire(), new AnthropicWire(), new OllamaWire());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wires")
	void theTripPlannerPlansThroughTheProvider(ProviderWire wire) {
		try (FakeProviderServer server = FakeProviderServer.start(wire, ScriptedTripModelConfiguration::answer)) {
			List<String> arguments = new ArrayList<>(List.of("--trip-planner.scripted=false", "--server.port=0",
					"--railtracks.save-state=false", "--spring.ai.model.chat=" + wire.provider()));
			server.properties("trip-model").forEach((key, value) -> arguments.add("--" + key + "=" + value));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringWebApplication.class)
				.run(arguments.toArray(String[]::new))) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				PlanResponse plan = RestClient.create("http://127.0.0.1:" + port)
					.get()
					.uri("/plan?goal={goal}&currency=JPY", "visit Kyoto")
					.retrieve()
					.body(PlanResponse.class);
				assertThat(plan.plan()).startsWith("Plan for visit Kyoto: 1. Weather: Kyoto: ")
					.contains(". 2. Budget for 3 days: 91200 JPY. 3. Pack ");
			}
			List<ModelRequest> sent = server.chatRequests();
			assertThat(sent).hasSize(3);
			assertThat(sent.get(0).tools()).extracting((tool) -> tool.name())
				.containsExactly("weather", "budget", "packing");
			assertThat(sent.get(0).messages().get(0).toJson().get("content").toString()).contains("(in JPY)");
			assertThat(results(sent.get(2))).extracting(ToolResultMessage::name)
				.containsExactly("weather", "budget", "packing");
			assertThat(sent).allSatisfy((request) -> assertThat(request.options().model()).isEqualTo("trip-model"));
		}
	}

	private static List<ToolResultMessage> results(ModelRequest request) {
		return request.messages().stream()
			.filter(ToolResultMessage.class::isInstance)
			.map(ToolResultMessage.class::cast)
			.toList();
	}

}
