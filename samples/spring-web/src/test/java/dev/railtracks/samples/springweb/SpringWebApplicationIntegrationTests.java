package dev.railtracks.samples.springweb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SpringWebApplicationIntegrationTests {

	@TempDir
	static Path stateDirectory;

	@Autowired
	private RestTestClient client;

	@Autowired
	private SessionWriter sessionWriter;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void planRunsTheAgentWithItsToolsAndSavesItsState(CapturedOutput output) throws Exception {
		PlanResponse response = plan("cycle to Lisbon");
		assertThat(response.goal()).isEqualTo("cycle to Lisbon");
		assertThat(response.plan()).startsWith("Plan for cycle to Lisbon: 1. Weather: Lisbon: ")
			.contains("2. Budget for 3 days: ")
			.contains("3. Pack ");
		this.sessionWriter.flush();
		Path saved = stateDirectory.resolve("plan_" + response.sessionId() + ".json");
		assertThat(saved).satisfies(Files::isRegularFile);
		assertThat(Files.readString(saved)).contains("\"llm_details\"").contains("\"node_type\":\"Agent\"");
		assertThat(output).contains("Session " + response.sessionId() + " broadcast: Checking the weather in Lisbon")
			.contains("Session " + response.sessionId() + " closed with answer: Plan for cycle to Lisbon");
	}

	@Test
	void theModelMiddlewareBeanLogsEachRoundOfTheAgent(CapturedOutput output) {
		plan("sail to Lisbon");
		assertThat(output.getOut().lines().filter((line) -> line.contains(ModelRoundLogger.class.getSimpleName())))
			.anySatisfy((line) -> assertThat(line).contains("trip_planner round 1: 2 message(s) sent, the model asks for"
					+ " weather, budget"))
			.anySatisfy((line) -> assertThat(line).containsPattern("trip_planner round \\d+: \\d+ message\\(s\\) sent,"
					+ " the model answers"));
	}

	@Test
	void engineLinesCarryTheSessionIdAndAreNotRepeatedByTheDemo(CapturedOutput output) {
		PlanResponse response = plan("row across the lake to Lisbon");
		// logging.pattern.correlation puts the MDC's railtracks.session.id into Boot's console pattern
		assertThat(output.getOut().lines().filter((line) -> line.contains("[" + response.sessionId() + "] ")))
			.anySatisfy((line) -> assertThat(line).endsWith("START CREATED trip_planner"))
			.anySatisfy((line) -> assertThat(line).endsWith("trip_planner CREATED weather"))
			.anySatisfy((line) -> assertThat(line).endsWith("weather DONE"))
			.anySatisfy((line) -> assertThat(line).endsWith("trip_planner DONE"));
		assertThat(output).doesNotContain("Session " + response.sessionId() + ": node weather")
			.doesNotContain("Session " + response.sessionId() + ": node trip_planner");
	}

	@Test
	void aMissingGoalIsABadRequestThatSaysWhy() {
		this.client.get()
			.uri("/plan")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Query parameter 'goal' is required and must not be blank, e.g. /plan?goal=visit%20Kyoto");
	}

	@Test
	void aBlankGoalIsABadRequest() {
		this.client.get().uri("/plan?goal={goal}", "   ").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aTooLongGoalIsABadRequestNamingTheLimit() {
		this.client.get()
			.uri("/plan?goal={goal}", "x".repeat(7_500))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Query parameter 'goal' must be at most 200 characters but was 7500");
	}

	@Test
	void thePlansBudgetIsInTheRequestedCurrencyThroughPromptInjection() {
		PlanResponse response = DemoRequests.plan(this.client, "visit Kyoto", "JPY");
		this.client.get()
			.uri("/actuator/railtracks/{id}", response.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.graph.nodes[?(@.name == 'trip_planner')].details.internals.llm_details[0].input[0].content")
			.value((system) -> assertThat(system.toString()).contains("(in JPY)").doesNotContain("{currency}"));
	}

	@Test
	void theRequestedCurrencyPricesThePlansBudgetAsTheReadmeShows() throws Exception {
		PlanResponse yen = DemoRequests.plan(this.client, "visit Kyoto", "JPY");
		PlanResponse euros = plan("visit Kyoto");
		assertThat(yen.plan()).contains(" 2. Budget for 3 days: 91200 JPY. ");
		assertThat(euros.plan()).contains(" 2. Budget for 3 days: 570 EUR. ")
			.isEqualTo(yen.plan().replace("91200 JPY", "570 EUR"));
		String readme = Files.readString(Path.of("").toAbsolutePath().getParent().getParent().resolve("README.md"));
		assertThat(readme).contains("curl 'http://localhost:8080/plan?goal=visit%20Kyoto&currency=JPY'")
			.contains("{\"sessionId\":\"…\",\"goal\":\"visit Kyoto\",\"plan\":\"" + yen.plan() + "\"}")
			.contains("`570 EUR`");
	}

	@Test
	void anUnknownCurrencyIsABadRequestNamingTheKnownOnesAndCaseDoesNotMatter() {
		this.client.get()
			.uri("/plan?goal={goal}&currency={currency}", "visit Kyoto", "XYZ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Query parameter 'currency' must be one of [CHF, EUR, GBP, JPY, USD] but was XYZ");
		assertThat(DemoRequests.plan(this.client, "visit Kyoto", "gbp").plan()).contains("Budget for 3 days: 485 GBP.");
	}

	@Test
	void actuatorListsTheSessionAndShowsItsGraph() {
		PlanResponse response = plan("bake bread");
		this.client.get()
			.uri("/actuator/railtracks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.recent[0].id")
			.isEqualTo(response.sessionId())
			.jsonPath("$.recent[0].name")
			.isEqualTo("plan")
			.jsonPath("$.recent[0].active")
			.isEqualTo(false);
		this.client.get()
			.uri("/actuator/railtracks/{id}", response.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.session.id")
			.isEqualTo(response.sessionId())
			.jsonPath("$.valuesShown")
			.isEqualTo(true)
			.jsonPath("$.graph.nodes.length()")
			.isEqualTo(4)
			.jsonPath("$.graph.edges[?(@.target)].details.input_args[0]")
			.value((args) -> assertThat(args.toString()).contains("bake bread"));
	}

	@Test
	void unknownSessionIsNotFound() {
		this.client.get()
			.uri("/actuator/railtracks/{id}", "no-such-session")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.sessionId")
			.isEqualTo("no-such-session")
			.jsonPath("$.message")
			.value((message) -> assertThat(message.toString()).startsWith("No session 'no-such-session'"));
	}

	@Test
	void metricsShowNodeAndModelCallTimersTokensAndActiveSessions() {
		plan("walk in Bergen");
		double weatherBefore = count("railtracks.node", "railtracks.node.name:weather");
		double modelCallsBefore = count("railtracks.model.call", "railtracks.agent.name:trip_planner");
		double inputTokensBefore = count("railtracks.model.tokens", "railtracks.token.type:input");
		plan("walk in Oslo");
		// one weather tool call and three model rounds per plan
		assertThat(count("railtracks.node", "railtracks.node.name:weather") - weatherBefore).isEqualTo(1.0);
		assertThat(count("railtracks.model.call", "railtracks.agent.name:trip_planner") - modelCallsBefore).isEqualTo(3.0);
		assertThat(count("railtracks.model.tokens", "railtracks.token.type:input") - inputTokensBefore).isPositive();
		this.client.get()
			.uri("/actuator/metrics/railtracks.sessions.active")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(0.0);
		this.client.get()
			.uri("/actuator/health/railtracks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.overdue")
			.isEqualTo(0);
	}

	private double count(String meter, String tag) {
		AtomicReference<Object> count = new AtomicReference<>();
		this.client.get()
			.uri("/actuator/metrics/{meter}?tag={tag}", meter, tag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
			.value((counts) -> count.set(counts));
		assertThat(count.get()).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
		return ((Number) ((List<?>) count.get()).get(0)).doubleValue();
	}

	private PlanResponse plan(String goal) {
		return DemoRequests.plan(this.client, goal);
	}

}
