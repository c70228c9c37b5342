package dev.railtracks.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Node;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.llm.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Agent}: the model loop, tools as child nodes, what is answered to the model, and what ends the
 * agent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ExecutorConfig CONFIG = TestConfigs.NO_SAVE;

	static ToolCall call(String id, String tool, String arguments) {
		return new ToolCall(id, tool, arguments);
	}

	static <T> AgentResponse<T> run(ExecutorConfig config, Agent<T> agent, Object input) {
		try (Session session = new Session(config)) {
			@SuppressWarnings("unchecked")
			AgentResponse<T> response = (AgentResponse<T>) session.runSync(agent, input).answer();
			return response;
		}
	}

	static JsonNode graph(Session session) {
		return JSON.readTree(session.info().graphSerialization());
	}

	static List<String> toolResults(ModelRequest request) {
		return request.messages().stream().filter(ToolResultMessage.class::isInstance)
			.map((message) -> ((ToolResultMessage) message).content()).toList();
	}

	@Test
	void aToolLoopOfSeveralRoundsRunsEachToolAsARecordedChildNode() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "weather", "{\"city\":\"Kyoto\"}")),
				ModelResponse.toolCalls(call("2", "budget", "{\"nights\":3,\"nightlyRate\":120}")),
				ModelResponse.text("Sunny, 360 in all."));
		Agent<String> agent = Agent.builder("planner").model(model).systemMessage("Plan trips.").tools(TripTools.WEATHER,
				TripTools.BUDGET).build();
		try (Session session = new Session(CONFIG)) {
			@SuppressWarnings("unchecked")
			AgentResponse<String> response = (AgentResponse<String>) session.runSync(agent, "Kyoto for 3 nights").answer();
			assertThat(response.content()).isEqualTo("Sunny, 360 in all.");
			assertThat(response.messages()).extracting(Message::role)
				.containsExactly("user", "assistant", "tool", "assistant", "tool", "assistant");
			assertThat(response.messages().get(2)).isEqualTo(new ToolResultMessage("1", "weather", "Sunny in Kyoto"));
			assertThat(response.messages().get(4)).isEqualTo(new ToolResultMessage("2", "budget", "360"));

			JsonNode graph = graph(session);
			JsonNode agentNode = node(graph, "planner");
			assertThat(agentNode.get("node_type").asString()).isEqualTo("Agent");
			assertThat(node(graph, "weather").get("node_type").asString()).isEqualTo("Tool");
			JsonNode weatherEdge = edgeTo(graph, node(graph, "weather").get("identifier").asString());
			assertThat(weatherEdge.get("source").asString()).isEqualTo(agentNode.get("identifier").asString());
			assertThat(weatherEdge.get("details").get("input_args").get(0).asString()).isEqualTo("Kyoto");
			assertThat(weatherEdge.get("details").get("output").asString()).isEqualTo("Sunny in Kyoto");
			assertThat(edgeTo(graph, node(graph, "budget").get("identifier").asString()).get("details").get("input_args"))
				.extracting(JsonNode::asInt).containsExactly(3, 120);
			JsonNode details = agentNode.get("details").get("internals").get("llm_details");
			assertThat(details).hasSize(3);
			assertThat(details.get(0).get("model_provider").asString()).isEqualTo("scripted");
			assertThat(details.get(0).get("input").get(0).get("role").asString()).isEqualTo("system");
			assertThat(details.get(0).get("output").get("content").get(0).get("name").asString()).isEqualTo("weather");
			assertThat(details.get(2).get("input")).hasSize(6);
			assertThat(details.get(2).get("output").get("content").asString()).isEqualTo("Sunny, 360 in all.");
			assertThat(details.get(2).get("input_tokens").asInt()).isPositive();
			assertThat(details.get(2).get("latency").isNumber()).isTrue();
		}
		assertThat(model.requests()).hasSize(3);
		assertThat(model.requests().get(0).tools()).extracting((tool) -> tool.name()).containsExactly("weather", "budget");
	}

	@Test
	void severalToolCallsOfOneAnswerRunInParallelAndAnswerInTheModelsOrder() {
		CountDownLatch bothStarted = new CountDownLatch(2);
		FunctionNode<String> meet = FunctionNode.of("meet", (String who) -> {
			bothStarted.countDown();
			// Each call only returns once the other has started: sequential calls would wait here in vain.
			return bothStarted.await(10, TimeUnit.SECONDS) ? "met " + who : "alone " + who;
		}).withParameterNames("who");
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("a", "meet", "{\"who\":\"ada\"}"), call("b", "meet", "{\"who\":\"alan\"}")),
				ModelResponse.text("done"));
		Agent<String> agent = Agent.builder("host").model(model).tool(meet, "Meets someone").build();
		AgentResponse<String> response = run(CONFIG, agent, "meet both");
		assertThat(response.messages()).filteredOn(ToolResultMessage.class::isInstance)
			.containsExactly(new ToolResultMessage("a", "meet", "met ada"), new ToolResultMessage("b", "meet", "met alan"));
	}

	@Test
	void aToolThatThrowsIsReportedToTheModelAsAnError() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "weather", "{\"city\":\"Atlantis\"}")),
				ModelResponse.text("No forecast, sorry."));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.WEATHER).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "Atlantis");
			assertThat(toolResults(model.requests().get(1))).containsExactly(
					"There was an error during tool execution: IllegalArgumentException: no forecast for Atlantis");
			JsonNode weather = edgeTo(graph(session), node(graph(session), "weather").get("identifier").asString());
			assertThat(weather.get("details").get("status").asString()).isEqualTo("Failed");
		}
	}

	/** A tool result that Jackson cannot write: a bean with no properties. */
	static final class Ticket {

		@Override
		public String toString() {
			return "ticket 7";
		}

	}

	/** A tool result that Jackson cannot write: a property that cannot be read. */
	static final class Receipt {

		public String getTotal() {
			throw new IllegalStateException("not totalled yet");
		}

		@Override
		public String toString() {
			return "receipt 9";
		}

	}

	@Test
	void toolResultsThatCannotBeJsonAreAnsweredAsTheRecordsPlaceholder() {
		FunctionNode<Object> hand = FunctionNode.of("hand", (String what) -> what.equals("ticket") ? new Ticket()
				: new Receipt()).withParameterNames("what");
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "hand", "{\"what\":\"ticket\"}"),
						call("2", "hand", "{\"what\":\"receipt\"}")),
				ModelResponse.text("Handed over."));
		Agent<String> agent = Agent.builder("clerk").model(model).tool(hand, "Hands a document over").build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "hand both");
			String ticket = "< Unable to serialize " + Ticket.class.getName() + " > ticket 7";
			assertThat(toolResults(model.requests().get(1))).containsExactly(ticket,
					"< Unable to serialize " + Receipt.class.getName() + " > receipt 9");
			assertThat(graph(session).get("edges")).extracting((edge) -> edge.get("details").get("output"))
				.contains(StringNode.valueOf(ticket));
		}
	}

	@Test
	void aToolFailureWithoutAMessageIsReportedByItsTypeAlone() {
		FunctionNode<String> read = FunctionNode.<String, String>of("read", (path) -> {
			throw new java.io.IOException();
		}).withParameterNames("path");
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "read", "{\"path\":\"a.txt\"}")),
				ModelResponse.text("Could not read it."));
		Agent<String> agent = Agent.builder("reader").model(model).tool(read, "Reads a file").build();
		run(CONFIG, agent, "read a.txt");
		assertThat(toolResults(model.requests().get(1)))
			.containsExactly("There was an error during tool execution: IOException");
	}

	@Test
	void anUnknownToolIsAnsweredToTheModelWithTheToolsItHas() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "flights", "{}")),
				ModelResponse.text("I cannot book flights."));
		Agent<String> agent = Agent.builder("planner").model(model).tools(TripTools.WEATHER, TripTools.BUDGET).build();
		AgentResponse<String> response = run(CONFIG, agent, "book a flight");
		assertThat(response.content()).isEqualTo("I cannot book flights.");
		assertThat(toolResults(model.requests().get(1))).containsExactly("There was an error during tool execution: "
				+ "LLM called tool 'flights' which was not found in the provided tool nodes [budget, weather]");
	}

	@Test
	void malformedArgumentsAreAnsweredToTheModelAndRecordedAsFailedCallsOfTheTool() {
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "budget", "{\"nights\": 3,"), call("2", "budget", "{\"nights\":\"three\","
						+ "\"nightlyRate\":100}"), call("3", "budget", "{\"nights\":3}"),
						call("4", "budget", "{\"nights\":3,\"nightlyRate\":100,\"currency\":\"EUR\"}"),
						call("5", "budget", "[3, 100]")),
				ModelResponse.text("I could not compute it."));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.BUDGET).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "budget?");
			List<String> results = toolResults(model.requests().get(1));
			assertThat(results).allSatisfy((result) -> assertThat(result)
				.startsWith("There was an error during tool execution: "));
			assertThat(results.get(0)).contains("Arguments of tool 'budget' are not valid JSON");
			assertThat(results.get(1)).contains("Argument 'nights' of tool 'budget' does not fit int").contains("three");
			assertThat(results.get(2)).contains("Tool 'budget' is missing argument 'nightlyRate'");
			assertThat(results.get(3)).contains("Tool 'budget' has no parameter 'currency'; it takes [nights, nightlyRate]");
			assertThat(results.get(4)).contains("must be a JSON object but were [3, 100]");
			JsonNode graph = graph(session);
			assertThat(graph.get("nodes")).hasSize(6);
			assertThat(graph.get("edges")).filteredOn((edge) -> edge.get("source").isString())
				.hasSize(5)
				.allSatisfy((edge) -> assertThat(edge.get("details").get("status").asString()).isEqualTo("Failed"));
		}
	}

	@Test
	void exceedingMaxRoundsFailsNamingTheAgentAndTheBound() {
		ScriptedModel model = ScriptedModel.of((request) -> ModelResponse.toolCalls(
				call("r" + request.messages().size(), "weather", "{\"city\":\"Kyoto\"}")));
		Agent<String> agent = Agent.builder("restless").model(model).tool(TripTools.WEATHER).maxRounds(3).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(MaxRoundsExceededException.class).isThrownBy(() -> session.runSync(agent, "go"))
				.withMessageContaining("Agent 'restless'")
				.withMessageContaining("bound of 3 model round(s)")
				.withMessageContaining("(weather)")
				.satisfies((ex) -> assertThat(ex.maxRounds()).isEqualTo(3));
			assertThat(model.requests()).hasSize(3);
			assertThat(graph(session).get("nodes")).hasSize(3);
		}
	}

	@Test
	void aMaxRoundsBelowOneIsRefused() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> Agent.builder("a").maxRounds(0))
			.withMessageContaining("maxRounds must be at least 1 but was 0");
	}

	@Test
	void anAgentWithoutAModelIsRefused() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> Agent.builder("lonely").build())
			.withMessageContaining("Agent 'lonely' needs a model");
	}

	@Test
	void theInputIsAStringAUserMessageOrAConversation() {
		ScriptedModel model = ScriptedModel.of((request) -> ModelResponse.text(request.messages().size() + " messages"));
		Agent<String> agent = Agent.builder("echo").model(model).systemMessage("Be brief.").build();
		assertThat(run(CONFIG, agent, "hi").content()).isEqualTo("2 messages");
		assertThat(run(CONFIG, agent, new UserMessage("hi")).content()).isEqualTo("2 messages");
		List<Message> conversation = List.of(new UserMessage("hi"), new AssistantMessage("hello"), new UserMessage("bye"));
		AgentResponse<String> response = run(CONFIG, agent, conversation);
		assertThat(response.content()).isEqualTo("4 messages");
		assertThat(response.messages()).hasSize(4).doesNotHaveAnyElementsOfTypes(SystemMessage.class);
		assertThat(model.requests().get(2).messages().get(0)).isEqualTo(new SystemMessage("Be brief."));
	}

	@Test
	void anInputThatIsNoMessageIsRefusedNamingTheAgent() {
		Agent<String> agent = Agent.builder("echo").model(ScriptedModel.of()).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> session.runSync(agent, 42))
				.withMessageContaining("Agent 'echo' takes one argument")
				.withMessageContaining("[42]");
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.runSync(agent, List.of(new UserMessage("a"), "b")))
				.withMessageContaining("message 2 of the conversation is not a Message but b");
		}
	}

	@Test
	void anAgentIsAToolOfAnotherAgentAndBothAreRecorded() {
		ScriptedModel innerModel = ScriptedModel.of(ModelResponse.toolCalls(call("w", "weather", "{\"city\":\"Oslo\"}")),
				ModelResponse.text("Oslo: sunny"));
		Agent<String> forecaster = Agent.builder("forecaster").model(innerModel).tool(TripTools.WEATHER)
			.description("Knows the weather anywhere").build();
		ScriptedModel outerModel = ScriptedModel.of(
				ModelResponse.toolCalls(call("f", "forecaster", "{\"prompt\":\"Weather in Oslo?\"}")),
				ModelResponse.text("Pack sunglasses."));
		Agent<String> planner = Agent.builder("planner").model(outerModel).tool(forecaster).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(planner, "Oslo trip");
			assertThat(outerModel.requests().get(0).tools().get(0).description()).isEqualTo("Knows the weather anywhere");
			assertThat(toolResults(outerModel.requests().get(1))).containsExactly("Oslo: sunny");
			assertThat(innerModel.requests().get(0).lastUserText()).isEqualTo("Weather in Oslo?");
			JsonNode graph = graph(session);
			assertThat(node(graph, "forecaster").get("node_type").asString()).isEqualTo("Agent");
			String forecasterId = node(graph, "forecaster").get("identifier").asString();
			assertThat(edgeTo(graph, node(graph, "weather").get("identifier").asString()).get("source").asString())
				.isEqualTo(forecasterId);
			assertThat(edgeTo(graph, forecasterId).get("source").asString())
				.isEqualTo(node(graph, "planner").get("identifier").asString());
		}
	}

	/** A node class as a tool: its constructor's parameters are the tool's. */
	public static class Convert extends Node<String> {

		private final String result;

		public Convert(int amount, String currency) {
			this.result = amount + " " + currency;
		}

		@Override
		public String invoke() {
			return this.result;
		}

	}

	@Test
	void aNodeClassIsAToolWithItsConstructorsParameters() {
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "Convert", "{\"amount\":120,\"currency\":\"JPY\"}")),
				ModelResponse.text("ok"));
		Agent<String> agent = Agent.builder("cashier").model(model).tool(NodeDefinition.of(Convert.class)).build();
		run(CONFIG, agent, "convert");
		assertThat(JSON.readTree(model.requests().get(0).tools().get(0).inputSchema()).get("required"))
			.extracting(JsonNode::asString).containsExactly("amount", "currency");
		assertThat(toolResults(model.requests().get(1))).containsExactly("120 JPY");
	}

	@Test
	void toolParameterSchemasComeFromNamesAndGenericTypes() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "itinerary",
				"{\"stays\":[{\"city\":\"Kyoto\",\"nights\":2},{\"city\":\"Nara\",\"nights\":1}],\"season\":\"AUTUMN\"}")),
				ModelResponse.text("ok"));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.ITINERARY, "Lists the stays").build();
		run(CONFIG, agent, "plan");
		JsonNode schema = JSON.readTree(model.requests().get(0).tools().get(0).inputSchema());
		assertThat(schema.get("type").asString()).isEqualTo("object");
		assertThat(schema.get("required")).extracting(JsonNode::asString).containsExactly("stays", "season");
		JsonNode stays = schema.get("properties").get("stays");
		assertThat(stays.get("type").asString()).isEqualTo("array");
		assertThat(stays.get("items").get("properties").get("city").get("description").asString())
			.isEqualTo("The city to stay in");
		assertThat(stays.get("items").get("properties").get("nights").get("type").asString()).isEqualTo("integer");
		assertThat(schema.get("properties").get("season").get("enum")).extracting(JsonNode::asString)
			.containsExactly("SPRING", "AUTUMN");
		assertThat(toolResults(model.requests().get(1))).containsExactly("AUTUMN: [2 nights in Kyoto, 1 nights in Nara]");
	}

	@Test
	void promptInjectionFillsSystemAndUserMessagesFromTheContext() {
		ScriptedModel model = ScriptedModel.of((request) -> ModelResponse.text("ok"));
		Agent<String> agent = Agent.builder("greeter").model(model).systemMessage("You help {traveller}.").build();
		try (Session session = new Session(CONFIG, Map.of("traveller", "Ada", "city", "Kyoto"))) {
			session.runSync(agent, "Plan {city} for {{me}} and {unknown}");
		}
		assertThat(model.requests().get(0).messages()).containsExactly(new SystemMessage("You help Ada."),
				new UserMessage("Plan Kyoto for {me} and {unknown}"));
	}

	@Test
	void withPromptInjectionOffTheTextIsSentUntouched() {
		ScriptedModel model = ScriptedModel.of((request) -> ModelResponse.text("ok"));
		Agent<String> agent = Agent.builder("greeter").model(model).systemMessage("You help {traveller}.").build();
		ExecutorConfig off = CONFIG.toBuilder().promptInjection(false).build();
		try (Session session = new Session(off, Map.of("traveller", "Ada"))) {
			session.runSync(agent, "Plan {{it}}");
		}
		assertThat(model.requests().get(0).messages()).containsExactly(new SystemMessage("You help {traveller}."),
				new UserMessage("Plan {{it}}"));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void aTimeoutDuringAModelCallFailsTheRunAndInterruptsTheModel() throws InterruptedException {
		CountDownLatch calling = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		ScriptedModel model = ScriptedModel.of((request) -> {
			calls.incrementAndGet();
			calling.countDown();
			try {
				new CountDownLatch(1).await();
				return ModelResponse.text("never");
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				Thread.currentThread().interrupt();
				throw new IllegalStateException("model call interrupted", ex);
			}
		});
		Agent<String> agent = Agent.builder("slow").model(model).build();
		ExecutorConfig config = CONFIG.toBuilder().timeout(Duration.ofMillis(300)).build();
		try (Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(agent, "hurry"));
			assertThat(calling.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
			JsonNode graph = graph(session);
			JsonNode edge = edgeTo(graph, node(graph, "slow").get("identifier").asString());
			assertThat(edge.get("details").get("status").asString()).isEqualTo("Failed");
			assertThat(edge.get("details").get("output").get("type").asString())
				.isEqualTo(GlobalTimeoutException.class.getSimpleName());
		}
		assertThat(calls).hasValue(1);
	}

	@Test
	void withEndOnErrorAFailingToolEndsTheRunInsteadOfReachingTheModel() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "weather", "{\"city\":\"Atlantis\"}")),
				ModelResponse.text("should not be asked"));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.WEATHER).build();
		ExecutorConfig endOnError = CONFIG.toBuilder().endOnError(true).build();
		try (Session session = new Session(endOnError)) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> session.runSync(agent, "Atlantis"))
				.withMessage("no forecast for Atlantis");
		}
		assertThat(model.requests()).hasSize(1);
	}

	static JsonNode node(JsonNode graph, String name) {
		List<JsonNode> found = new ArrayList<>();
		graph.get("nodes").forEach((node) -> {
			if (node.get("name").asString().equals(name)) {
				found.add(node);
			}
		});
		assertThat(found).as("nodes named " + name).hasSize(1);
		return found.get(0);
	}

	static JsonNode edgeTo(JsonNode graph, String target) {
		for (JsonNode edge : graph.get("edges")) {
			if (edge.get("target").asString().equals(target)) {
				return edge;
			}
		}
		throw new AssertionError("no edge to " + target);
	}

}
