package dev.railtracks.autoconfigure.ai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.agent.AgentFactory;
import dev.railtracks.autoconfigure.ai.wire.AnthropicWire;
import dev.railtracks.autoconfigure.ai.wire.FakeProviderServer.CannedAnswer;
import dev.railtracks.autoconfigure.ai.wire.FakeProviderServer;
import dev.railtracks.autoconfigure.ai.wire.OllamaWire;
import dev.railtracks.autoconfigure.ai.wire.OpenAiWire;
import dev.railtracks.autoconfigure.ai.wire.ProviderWire;
import dev.railtracks.autoconfigure.flow.RailtracksNode;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;
import dev.railtracks.autoconfigure.web.EnableAutoConfigurationWithoutSecurity;
import dev.railtracks.llm.ModelOptions;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent on each of Spring AI's real provider modules (OpenAI chat completions, Anthropic messages, Ollama chat),
 * talking to a fake provider server over HTTP: what the client sends (tool schemas, tool results with their call ids,
 * the agent's options), what is recorded (tokens, model, fingerprint, cost), how many HTTP attempts a failure costs
 * (the agents' retry policy is the only retry), and how each failure reaches an HTTP caller as a problem detail.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiProviderWireTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ATTEMPTS = 3;

	static Stream<ProviderWire> wires() {
		return Stream.of(new OpenAiWire(), new AnthropicWire(), new OllamaWire());
	}

	/** The fake model: asks for the weather of Kyoto, then answers with the tool's result. */
	static ModelResponse weatherModel(ModelRequest request) {
		List<ToolResultMessage> results = request.messages().stream()
			.filter(ToolResultMessage.class::isInstance)
			.map(ToolResultMessage.class::cast)
			.toList();
		if (results.isEmpty()) {
			return ModelResponse.toolCalls(new ToolCall("call_w1", "weather", "{\"city\":\"Kyoto\"}")).withUsage(40, 7);
		}
		return ModelResponse.text("Pack sunglasses: " + results.get(0).content()).withUsage(60, 9);
	}

	private static ConfigurableApplicationContext start(FakeProviderServer server, String... extra) {
		Map<String, Object> properties = new HashMap<>(server.properties("rt-default-model"));
		// Over the test application.properties, which turns Spring AI's models off for the other tests.
		properties.put("spring.ai.model.chat", server.wire().provider());
		properties.put("server.port", "0");
		properties.put("railtracks.save-state", "false");
		properties.put("railtracks.agent.retry.max-attempts", String.valueOf(ATTEMPTS));
		properties.put("railtracks.agent.retry.initial-backoff", "1ms");
		properties.put("railtracks.agent.retry.max-backoff", "1ms");
		properties.put("railtracks.agent.pricing[rt-agent-model].input-per-million", "2");
		properties.put("railtracks.agent.pricing[rt-agent-model].output-per-million", "10");
		properties.put("logging.level.org.springframework.ai", "debug");
		properties.put("logging.level.dev.railtracks", "debug");
		for (String property : extra) {
			String[] keyValue = property.split("=", 2);
			properties.put(keyValue[0], keyValue[1]);
		}
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ProviderApplication.class).run(arguments);
	}

	private static RestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wires")
	void toolSchemasToolResultsOptionsAndUsageGoOverTheProvidersWire(ProviderWire wire, CapturedOutput output) {
		try (FakeProviderServer server = FakeProviderServer.start(wire, SpringAiProviderWireTests::weatherModel);
				ConfigurableApplicationContext context = start(server)) {
			JsonNode plan = JSON.readTree(client(context).get().uri("/plan").retrieve().body(String.class));
			assertThat(plan.path("answer").asString()).isEqualTo("Pack sunglasses: Sunny in Kyoto");

			List<ModelRequest> sent = server.chatRequests();
			assertThat(sent).hasSize(2);
			ModelRequest first = sent.get(0);
			assertThat(first.options()).isEqualTo(new ModelOptions("rt-agent-model", 0.25, 321));
			assertThat(first.tools()).singleElement().satisfies((tool) -> {
				assertThat(tool.name()).isEqualTo("weather");
				assertThat(tool.description()).isEqualTo("The weather forecast for a city");
				JsonNode schema = JSON.readTree(tool.inputSchema());
				assertThat(schema.path("required")).extracting(JsonNode::asString).containsExactly("city");
				assertThat(schema.path("properties").path("city").path("type").asString()).isEqualTo("string");
			});
			ToolResultMessage result = sent.get(1).messages().stream()
				.filter(ToolResultMessage.class::isInstance)
				.map(ToolResultMessage.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(result.content()).isEqualTo("Sunny in Kyoto");
			if (!wire.provider().equals("ollama")) {
				// Ollama's chat API has no tool-call ids: results go back in the order of the calls.
				assertThat(result.toolCallId()).isEqualTo("call_w1");
			}

			JsonNode calls = plan.path("llmDetails");
			assertThat(calls).hasSize(2);
			JsonNode call = calls.get(0);
			assertThat(call.path("model_provider").asString()).isEqualTo(wire.provider());
			assertThat(call.path("model_name").asString()).isEqualTo("rt-agent-model");
			assertThat(call.path("input_tokens").asInt()).isEqualTo(40);
			assertThat(call.path("output_tokens").asInt()).isEqualTo(7);
			// 40 input tokens at 2 and 7 output tokens at 10 per million.
			assertThat(call.path("total_cost").asDouble()).isEqualTo((40 * 2 + 7 * 10) / 1e6);
			assertThat(calls.get(1).path("input_tokens").asInt()).isEqualTo(60);

			if (server.properties("any").containsValue(ProviderWire.API_KEY)) {
				// Ollama takes no key; the others must send it, to the provider only.
				assertThat(server.requests()).allSatisfy((request) -> assertThat(request.headers().toString())
					.contains(ProviderWire.API_KEY));
			}
			assertThat(plan.toString()).doesNotContain(ProviderWire.API_KEY);
			assertThat(output.getAll()).contains("trip_planner").doesNotContain(ProviderWire.API_KEY);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wires")
	void eachProviderFailureCostsTheAgentsAttemptsOnlyWhenTransientAndReachesTheCallerAsItsOwnStatus(ProviderWire wire) {
		try (FakeProviderServer server = FakeProviderServer.start(wire, SpringAiProviderWireTests::weatherModel);
				ConfigurableApplicationContext context = start(server)) {
			RestClient client = client(context);
			CannedAnswer rateLimited = server.error(429, Map.of());
			assertFailure(server, client, List.of(rateLimited, rateLimited, rateLimited), ATTEMPTS, 429, null);
			// A provider asking to wait longer than max-backoff is not retried: its 429 and Retry-After reach the caller.
			// Spring AI's REST error handler (Ollama) keeps the status but drops the headers, Retry-After with them.
			CannedAnswer waitLong = server.error(429, Map.of("Retry-After", "7"));
			boolean headersKept = !wire.provider().equals("ollama");
			if (headersKept) {
				assertFailure(server, client, List.of(waitLong), 1, 429, "7");
			}
			else {
				assertFailure(server, client, List.of(waitLong, waitLong, waitLong), ATTEMPTS, 429, null);
			}
			CannedAnswer failing = server.error(500, Map.of());
			assertFailure(server, client, List.of(failing, failing, failing), ATTEMPTS, 503, null);
			assertFailure(server, client, List.of(CannedAnswer.malformed()), 1, 502, null);
			assertFailure(server, client, List.of(server.error(401, Map.of())), 1, 500, null);
			// After two rate limits the third attempt is answered: the caller never sees the failures.
			server.answerNext(rateLimited, rateLimited);
			int before = server.chatRequests().size();
			assertThat(client.get().uri("/plan").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
			assertThat(server.chatRequests().size() - before).isEqualTo(ATTEMPTS + 1);
		}
	}

	@Test
	void withProviderRetriesLeftOnTheOpenAiSdkRetriesUnderEachOfTheAgentsAttempts() {
		try (FakeProviderServer server = FakeProviderServer.start(new OpenAiWire(), SpringAiProviderWireTests::weatherModel);
				ConfigurableApplicationContext context = start(server, "railtracks.agent.retry.max-attempts=1",
						"railtracks.agent.retry.disable-provider-retries=false")) {
			CannedAnswer failing = server.error(500, Map.of());
			server.answerNext(failing, failing, failing, failing);
			int status = client(context).get().uri("/plan").exchange((request, answer) -> answer.getStatusCode().value());
			assertThat(status).isEqualTo(503);
			// Spring AI's spring.ai.openai.max-retries defaults to 3: 4 HTTP attempts for the agent's single one.
			assertThat(server.chatRequests()).hasSize(4);
		}
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		assertThat(ProviderFailures.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(ProviderFailures.retryAfter("Thu, 01 Jan 1970 00:00:00 GMT")).isEqualTo(Duration.ZERO);
		assertThat(ProviderFailures.retryAfter("soon")).isNull();
		assertThat(ProviderFailures.retryAfter(null)).isNull();
	}

	private static void assertFailure(FakeProviderServer server, RestClient client, List<CannedAnswer> answers,
			int attempts, int status, @Nullable String retryAfter) {
		server.answerNext(answers.toArray(CannedAnswer[]::new));
		int before = server.chatRequests().size();
		ResponseEntity<String> response = client.get()
			.uri("/plan")
			.exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
				.headers(answer.getHeaders())
				.body(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));
		assertThat(server.chatRequests().size() - before).as("HTTP attempts").isEqualTo(attempts);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JSON.readTree(response.getBody()).path("provider").asString()).isEqualTo(server.wire().provider());
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo(retryAfter);
	}

	/** A web application whose {@code /plan} runs an agent with one tool on the provider's chat model. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfigurationWithoutSecurity
	static class ProviderApplication {

		@Bean
		WeatherTool weatherTool() {
			return new WeatherTool();
		}

		@Bean
		Agent<String> tripPlanner(AgentFactory agents, RailtracksNodeRegistry nodes) {
			return agents.builder("trip_planner")
				.systemMessage("You plan trips.")
				.tool(nodes.get("weather"), "The weather forecast for a city")
				.options(new ModelOptions("rt-agent-model", 0.25, 321))
				.build();
		}

		@Bean
		PlanController planController(SessionFactory sessions, Agent<String> tripPlanner) {
			return new PlanController(sessions, tripPlanner);
		}

	}

	/** The agent's tool. */
	static class WeatherTool {

		@RailtracksNode("weather")
		public String weather(String city) {
			return "Sunny in " + city;
		}

	}

	/**
	 * Plans a trip to Kyoto and answers with the plan and the agent's recorded model calls.
	 */
	@RestController
	static class PlanController {

		private final SessionFactory sessions;

		private final Agent<String> tripPlanner;

		PlanController(SessionFactory sessions, Agent<String> tripPlanner) {
			this.sessions = sessions;
			this.tripPlanner = tripPlanner;
		}

		@GetMapping("/plan")
		Map<String, Object> plan(@RequestParam(defaultValue = "Three days in Kyoto") String goal) {
			try (Session session = this.sessions.create()) {
				AgentResponse<String> plan = session.call(this.tripPlanner, goal);
				JsonNode graph = JSON.readTree(session.info().graphSerialization());
				JsonNode details = null;
				for (JsonNode node : graph.path("nodes")) {
					if (node.path("name").asString().equals("trip_planner")) {
						details = node.path("details").path("internals").path("llm_details");
					}
				}
				return Map.of("answer", plan.text(), "llmDetails", details);
			}
		}

	}

}
