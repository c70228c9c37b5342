package dev.railtracks.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ApprovalDecision;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.testing.PendingHumanRequests;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.middleware.Approval;

import static dev.railtracks.agent.AgentTests.call;
import static dev.railtracks.agent.AgentTests.edgeTo;
import static dev.railtracks.agent.AgentTests.graph;
import static dev.railtracks.agent.AgentTests.node;
import static dev.railtracks.agent.AgentTests.toolResults;
import static dev.railtracks.middleware.Approval.requiresApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link dev.railtracks.middleware.Approval} on an agent's tool: the run pauses until a person approves,
 * approves with changed arguments, or declines; a decline or a timeout reaches the model as the tool's result and
 * never ends the run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApprovalTests {

	private final HumanRequests requests = new HumanRequests();

	/** With end-on-error, to show that a decline does not end the run. */
	private final ExecutorConfig config = TestConfigs.noSave().humanRequests(this.requests).endOnError(true).build();

	private final List<String> refunded = new CopyOnWriteArrayList<>();

	private final FunctionNode<String> refund = FunctionNode.of("refund", (String order, Double amount) -> {
		this.refunded.add(order + " " + amount);
		return "Refunded " + amount + " EUR on " + order;
	}).withParameterNames("order", "amount");

	private ScriptedModel refundThenDone(double amount) {
		return ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "refund", "{\"order\":\"A-1\",\"amount\":" + amount + "}")),
				ModelResponse.text("done"));
	}

	private CompletableFuture<AgentResponse<String>> start(Session session, Agent<String> agent) {
		return session.callAsync(agent, "refund order A-1");
	}

	private HumanRequest pending() throws InterruptedException {
		return PendingHumanRequests.awaitPending(this.requests);
	}

	@Test
	void anApprovedCallRunsAndThePendingApprovalShowsTheToolItsArgumentsAndWhy() throws Exception {
		ScriptedModel model = refundThenDone(250);
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order", requiresApproval().because("Refunds move money")).build();
		try (Session session = new Session(this.config)) {
			CompletableFuture<AgentResponse<String>> run = start(session, agent);
			HumanRequest request = pending();
			assertThat(request.kind()).isEqualTo(HumanRequest.Kind.APPROVAL);
			assertThat(request.subject()).isEqualTo("refund");
			assertThat(request.arguments()).containsExactly("A-1", 250.0);
			assertThatThrownBy(() -> request.arguments().set(1, 1.0))
				.isInstanceOf(UnsupportedOperationException.class);
			assertThat(request.question()).isEqualTo("Refunds move money");
			assertThat(this.refunded).isEmpty();
			this.requests.answer(request.runId(), request.requestId(), ApprovalDecision.approve(), "alice");
			assertThat(run.get(10, TimeUnit.SECONDS).content()).isEqualTo("done");
			assertThat(toolResults(model.requests().get(1))).containsExactly("Refunded 250.0 EUR on A-1");
			JsonNode human = node(graph(session), "Human").get("details").get("internals").get("human");
			assertThat(human.get("kind").asString()).isEqualTo("approval");
			assertThat(human.get("answered_by").asString()).isEqualTo("alice");
			assertThat(human.get("answer").get("approved").asBoolean()).isTrue();
		}
		assertThat(this.refunded).containsExactly("A-1 250.0");
	}

	@Test
	void changedArgumentsReachTheToolAndTheRecord() throws Exception {
		ScriptedModel model = refundThenDone(250);
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order", requiresApproval()).build();
		try (Session session = new Session(this.config)) {
			CompletableFuture<AgentResponse<String>> run = start(session, agent);
			HumanRequest request = pending();
			this.requests.answer(request.runId(), request.requestId(),
					ApprovalDecision.approveWith(Map.of("amount", 80)), "alice");
			run.get(10, TimeUnit.SECONDS);
			assertThat(toolResults(model.requests().get(1))).containsExactly("Refunded 80.0 EUR on A-1");
			JsonNode tool = node(graph(session), "refund").get("details").get("internals");
			assertThat(tool.get("approved_arguments").get("amount").asInt()).isEqualTo(80);
		}
		assertThat(this.refunded).containsExactly("A-1 80.0");
	}

	@Test
	void aDeclineReachesTheModelAsTheToolsResultWithItsReasonCutAndTheRunGoesOnDespiteEndOnError() throws Exception {
		ScriptedModel model = refundThenDone(250);
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order", requiresApproval()).build();
		String longReason = "x".repeat(1024 * 1024);
		try (Session session = new Session(this.config)) {
			CompletableFuture<AgentResponse<String>> run = start(session, agent);
			HumanRequest request = pending();
			this.requests.answer(request.runId(), request.requestId(),
					ApprovalDecision.decline("over the limit " + longReason), "bob");
			assertThat(run.get(10, TimeUnit.SECONDS).content()).isEqualTo("done");
			String result = toolResults(model.requests().get(1)).get(0);
			// The model reads the reason cut at 4096 characters; the Human node records it whole.
			assertThat(result).startsWith(AgentNode.TOOL_ERROR_PREFIX
					+ "ApprovalDeclinedException: The call of 'refund' was declined: over the limit x")
				.endsWith("x…")
				.hasSizeLessThan(Approval.MAX_REASON_LENGTH + 200);
			assertThat(node(graph(session), "Human").get("details").get("internals").get("human").get("answer")
				.get("reason").asString()).isEqualTo("over the limit " + longReason);
			assertThat(edgeTo(graph(session), node(graph(session), "refund").get("identifier").asString())
				.get("details").get("status").asString()).isEqualTo("Failed");
		}
		assertThat(this.refunded).isEmpty();
	}

	@Test
	void anApprovalNobodyGivesInTimeIsADeclineTheModelReads() throws Exception {
		ScriptedModel model = refundThenDone(250);
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order", requiresApproval().timeout(Duration.ofMillis(200))).build();
		try (Session session = new Session(this.config)) {
			assertThat(session.call(agent, "refund order A-1").content()).isEqualTo("done");
			assertThat(toolResults(model.requests().get(1))).containsExactly(AgentNode.TOOL_ERROR_PREFIX
					+ "ApprovalDeclinedException: The call of 'refund' was declined: nobody approved it within PT0.2S");
			assertThat(node(graph(session), "Human").get("details").get("internals").get("human").get("status")
				.asString()).isEqualTo("timed_out");
		}
		assertThat(this.refunded).isEmpty();
	}

	@Test
	void aConditionOnTheArgumentsAsksOnlyForTheCallsItMatches() throws Exception {
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "refund", "{\"order\":\"A-1\",\"amount\":40}")),
				ModelResponse.toolCalls(call("2", "refund", "{\"order\":\"A-2\",\"amount\":400}")),
				ModelResponse.text("done"));
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order",
					requiresApproval().when((arguments) -> (Double) arguments.get(1) > 100))
			.build();
		try (Session session = new Session(this.config)) {
			CompletableFuture<AgentResponse<String>> run = start(session, agent);
			HumanRequest request = pending();
			assertThat(this.refunded).containsExactly("A-1 40.0");
			assertThat(request.arguments()).containsExactly("A-2", 400.0);
			this.requests.answer(request.runId(), request.requestId(), ApprovalDecision.approve(), null);
			run.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.refunded).containsExactly("A-1 40.0", "A-2 400.0");
	}

	@Test
	void aConditionThatThrowsLeavesTheDecisionToAPersonAndSaysWhy() throws Exception {
		ScriptedModel model = refundThenDone(250);
		Agent<String> agent = Agent.builder("support").model(model)
			.tool(this.refund, "Refunds an order", requiresApproval().when((arguments) -> {
				throw new IllegalStateException("limits unavailable");
			}))
			.build();
		try (Session session = new Session(this.config)) {
			CompletableFuture<AgentResponse<String>> run = start(session, agent);
			HumanRequest request = pending();
			assertThat(request.question()).isEqualTo("This call needs approval (the approval condition failed with "
					+ "java.lang.IllegalStateException: limits unavailable)");
			this.requests.answer(request.runId(), request.requestId(), ApprovalDecision.decline("no"), null);
			assertThat(run.get(10, TimeUnit.SECONDS).content()).isEqualTo("done");
		}
		assertThat(this.refunded).isEmpty();
	}

}
