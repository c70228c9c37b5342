package dev.railtracks.autoconfigure.ai;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.agent.ModelCallException;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.agent.AgentFactory;
import dev.railtracks.autoconfigure.agent.RailtracksAgentAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksNode;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SpringAiLanguageModel}: an agent bean on a Spring AI {@code ChatModel} bean, with the tool-call round
 * trip going through Spring AI's message types and the tool running as a Railtracks node.
 */
class SpringAiLanguageModelTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksFlowAutoConfiguration.class, RailtracksAgentAutoConfiguration.class))
		.withUserConfiguration(TripConfiguration.class)
		.withPropertyValues("railtracks.save-state=false");

	/** A weather tool as a bean method. */
	static class WeatherTools {

		@RailtracksNode("weather")
		public String weather(String city) {
			return "Sunny in " + city;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TripConfiguration {

		@Bean
		ScriptedChatModel chatModel() {
			return new ScriptedChatModel((prompt) -> {
				Message last = prompt.getInstructions().get(prompt.getInstructions().size() - 1);
				if (last instanceof ToolResponseMessage response) {
					return new AssistantMessage("Pack sunglasses: " + response.getResponses().get(0).responseData());
				}
				return AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Kyoto\"}")))
					.build();
			});
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		Agent<String> tripPlanner(AgentFactory agents, RailtracksNodeRegistry nodes) {
			return agents.builder("trip_planner")
				.systemMessage("You plan trips.")
				.tool(nodes.get("weather"), "The weather forecast for a city")
				.build();
		}

	}

	@Test
	void aChatModelBeanIsTheAgentsModelAndToolCallsRoundTripThroughSpringAiMessages() {
		this.contextRunner.run((context) -> {
			@SuppressWarnings("unchecked")
			Agent<String> planner = context.getBean(Agent.class);
			assertThat(planner.model()).isInstanceOf(SpringAiLanguageModel.class);
			assertThat(planner.model().modelName()).isEqualTo("scripted-chat");
			assertThat(planner.model().provider()).isEqualTo("scripted");
			ScriptedChatModel chatModel = context.getBean(ScriptedChatModel.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				@SuppressWarnings("unchecked")
				AgentResponse<String> response = (AgentResponse<String>) session.runSync(planner, "Kyoto?").answer();
				assertThat(response.content()).isEqualTo("Pack sunglasses: Sunny in Kyoto");

				JsonNode graph = JSON.readTree(session.info().graphSerialization());
				assertThat(graph.get("nodes")).extracting((node) -> node.get("name").asString() + ":"
						+ node.get("node_type").asString())
					.containsExactlyInAnyOrder("trip_planner:Agent", "weather:Tool");
				JsonNode details = null;
				for (JsonNode node : graph.get("nodes")) {
					if (node.get("name").asString().equals("trip_planner")) {
						details = node.get("details").get("internals").get("llm_details");
					}
				}
				assertThat(details).hasSize(2);
				assertThat(details.get(1).get("model_name").asString()).isEqualTo("scripted-chat-2026");
				assertThat(details.get(1).get("input_tokens").asInt()).isEqualTo(40);
				assertThat(details.get(1).get("output_tokens").asInt()).isEqualTo(7);
				assertThat(details.get(1).get("system_fingerprint").asString()).isEqualTo("fp_scripted");
			}

			Prompt first = chatModel.prompts().get(0);
			assertThat(first.getInstructions().get(0)).isInstanceOf(SystemMessage.class);
			assertThat(first.getOptions()).isInstanceOfSatisfying(ToolCallingChatOptions.class, (options) -> {
				assertThat(options.getToolCallbacks()).singleElement().satisfies((callback) -> {
					assertThat(callback.getToolDefinition().name()).isEqualTo("weather");
					assertThat(callback.getToolDefinition().description()).isEqualTo("The weather forecast for a city");
					assertThat(JSON.readTree(callback.getToolDefinition().inputSchema()).get("required"))
						.extracting(JsonNode::asString).containsExactly("city");
				});
			});
			Prompt second = chatModel.prompts().get(1);
			assertThat(second.getInstructions()).hasSize(4);
			assertThat(second.getInstructions().get(2)).isInstanceOfSatisfying(AssistantMessage.class,
					(assistant) -> assertThat(assistant.getToolCalls()).singleElement()
						.satisfies((call) -> assertThat(List.of(call.id(), call.name(), call.arguments()))
							.containsExactly("call-1", "weather", "{\"city\":\"Kyoto\"}")));
			assertThat(second.getInstructions().get(3)).isInstanceOfSatisfying(ToolResponseMessage.class,
					(result) -> assertThat(result.getResponses()).singleElement()
						.isEqualTo(new ToolResponseMessage.ToolResponse("call-1", "weather", "Sunny in Kyoto")));
		});
	}

	@Test
	void springAiNeverRunsTheToolItself() {
		this.contextRunner.run((context) -> {
			@SuppressWarnings("unchecked")
			Agent<String> planner = context.getBean(Agent.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(planner, "Kyoto?");
			}
			ToolCallback callback = ((ToolCallingChatOptions) context.getBean(ScriptedChatModel.class).prompts().get(0)
				.getOptions()).getToolCallbacks().get(0);
			assertThatIllegalStateException().isThrownBy(() -> callback.call("{\"city\":\"Kyoto\"}"))
				.withMessageContaining("Tool 'weather' is run by the Railtracks agent as a node, not by Spring AI");
		});
	}

	/**
	 * A trip.
	 * @param city where
	 * @param days how long
	 */
	record Trip(String city, int days) {
	}

	@Test
	void aStructuredAgentSendsTheSchemaInTheSystemMessageAndReadsTheAnswer() {
		ScriptedChatModel chatModel = new ScriptedChatModel(
				(prompt) -> new AssistantMessage("{\"city\":\"Kyoto\",\"days\":3}"));
		Agent<Trip> extractor = Agent.builder("extractor")
			.model(new SpringAiLanguageModel(chatModel, "extract-model", "test"))
			.systemMessage("Extract the trip.")
			.outputType(Trip.class)
			.build();
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			@SuppressWarnings("unchecked")
			AgentResponse<Trip> response = (AgentResponse<Trip>) session.runSync(extractor, "3 days in Kyoto").answer();
			assertThat(response.content()).isEqualTo(new Trip("Kyoto", 3));
		}
		String system = chatModel.prompts().get(0).getSystemMessage().getText();
		assertThat(system).startsWith("Extract the trip.").contains("JSON schema").contains("\"days\"");
	}

	@Test
	void aFailingChatModelFailsTheAgentNamingProviderAndModel() {
		ScriptedChatModel chatModel = new ScriptedChatModel((prompt) -> {
			throw new IllegalArgumentException("400 Bad Request: unknown model");
		});
		Agent<String> agent = Agent.builder("broken").model(new SpringAiLanguageModel(chatModel)).build();
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(agent, "hi"))
				.withMessageContaining("call to model scripted/scripted-chat failed in round 1 (attempt 1 of 3)")
				.withMessageContaining("unknown model");
		}
		assertThat(chatModel.prompts()).hasSize(1);
	}

}
