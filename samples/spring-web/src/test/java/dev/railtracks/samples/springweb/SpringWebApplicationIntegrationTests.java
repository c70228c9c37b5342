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

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SpringWebApplicationIntegrationTests {

	@TempDir
	static Path stateDirectory;

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void planRunsTheWorkflowAndSavesItsState(CapturedOutput output) {
		PlanResponse response = plan("cycle to Lisbon");
		assertThat(response.goal()).isEqualTo("cycle to Lisbon");
		assertThat(response.plan()).startsWith("Plan for cycle to Lisbon: 1. Read two guides")
			.contains("2. Set aside a fixed amount")
			.contains("3. Block three evenings");
		assertThat(stateDirectory.resolve("plan_" + response.sessionId() + ".json")).satisfies(Files::isRegularFile);
		assertThat(output).contains("Session " + response.sessionId() + " broadcast: Planning 'cycle to Lisbon'")
			.contains("Session " + response.sessionId() + " closed with answer: Plan for cycle to Lisbon");
	}

	@Test
	void engineLinesCarryTheSessionIdAndAreNotRepeatedByTheDemo(CapturedOutput output) {
		PlanResponse response = plan("row across the lake");
		// logging.pattern.correlation puts the MDC's railtracks.session.id into Boot's console pattern
		assertThat(output.getOut().lines().filter((line) -> line.contains("[" + response.sessionId() + "] ")))
			.anySatisfy((line) -> assertThat(line).endsWith("START CREATED planner"))
			.anySatisfy((line) -> assertThat(line).endsWith("planner DONE"));
		assertThat(output).doesNotContain("Session " + response.sessionId() + ": node planner");
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
			.isEqualTo(5)
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
	void metricsShowNodeTimersAndActiveSessions() {
		plan("paint the fence");
		double before = adviseCount();
		plan("paint the shed");
		// the planner fans out to one advise node per task: three per plan
		assertThat(adviseCount() - before).isEqualTo(3.0);
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

	private double adviseCount() {
		AtomicReference<Object> count = new AtomicReference<>();
		this.client.get()
			.uri("/actuator/metrics/railtracks.node?tag=railtracks.node.name:advise")
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
		PlanResponse response = this.client.get()
			.uri("/plan?goal={goal}", goal)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PlanResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		return response;
	}

}
