package dev.railtracks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.testing.PendingHumanRequests;

import static dev.railtracks.Railtracks.askHuman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Railtracks#askHuman} and {@link HumanRequests}: a run waits in memory for a person's answer, which
 * is recorded as a Human node, and answers are refused with the right reason.
 */
class HumanRequestsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HumanRequests requests = new HumanRequests();

	private final ExecutorConfig config = TestConfigs.noSave().humanRequests(this.requests).build();

	private final NodeDefinition<String> planner = FunctionNode.of("planner",
			(String trip) -> "Dates for " + trip + ": " + askHuman("Which dates?", String.class, Duration.ofSeconds(30)));

	static HumanRequest awaitPending(HumanRequests requests) throws InterruptedException {
		return PendingHumanRequests.awaitPending(requests);
	}

	@Test
	void aNodeWaitsForTheAnswerWhichIsRecordedAsAHumanNodeWithWhoAndWhen() throws Exception {
		try (Session session = new Session(this.config)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Kyoto");
			HumanRequest request = awaitPending(this.requests);
			assertThat(request.runId()).isEqualTo(session.identifier());
			assertThat(request.kind()).isEqualTo(HumanRequest.Kind.QUESTION);
			assertThat(request.question()).isEqualTo("Which dates?");
			assertThat(request.answerType()).isEqualTo(String.class);
			assertThat(this.requests.isWaiting(session.identifier())).isTrue();
			HumanAnswer answer = this.requests.answer(request.runId(), request.requestId(), "May 3-7", "alice");
			assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("Dates for Kyoto: May 3-7");
			assertThat(this.requests.pending()).isEmpty();
			assertThat(this.requests.isWaiting(session.identifier())).isFalse();
			JsonNode human = NodeMiddlewareTests.internalsOf(session, "Human").get("human");
			assertThat(human.get("status").asString()).isEqualTo("answered");
			assertThat(human.get("question").asString()).isEqualTo("Which dates?");
			assertThat(human.get("request_id").asString()).isEqualTo(request.requestId());
			assertThat(human.get("answer").asString()).isEqualTo("May 3-7");
			assertThat(human.get("answered_by").asString()).isEqualTo("alice");
			assertThat(human.get("answered_at").asString()).isEqualTo(answer.answeredAt().toString());
		}
	}

	@Test
	void anAnswerOfTheWrongTypeIsRefusedNamingBothTypesAndTheRequestStillWaits() throws Exception {
		NodeDefinition<Integer> nights = FunctionNode.of("nights",
				() -> askHuman("How many nights?", int.class, Duration.ofSeconds(30)));
		try (Session session = new Session(this.config)) {
			CompletableFuture<Integer> run = session.callAsync(nights);
			HumanRequest request = awaitPending(this.requests);
			assertThatExceptionOfType(HumanAnswerRefusedException.class)
				.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "three", null))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.WRONG_TYPE))
				.withMessageContaining("must be a java.lang.Integer but was a java.lang.String");
			this.requests.answer(request.runId(), request.requestId(), 3, null);
			assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(3);
		}
	}

	@Test
	void anUnknownRequestIsRefusedAsUnknownAndASecondAnswerAsClosed() throws Exception {
		assertThatExceptionOfType(HumanAnswerRefusedException.class)
			.isThrownBy(() -> this.requests.answer("no-run", "no-request", "x", null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.UNKNOWN_REQUEST))
			.withMessage("No request 'no-request' of run 'no-run' waits for an answer here");
		try (Session session = new Session(this.config)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Oslo");
			HumanRequest request = awaitPending(this.requests);
			this.requests.answer(request.runId(), request.requestId(), "June", "alice");
			run.get(10, TimeUnit.SECONDS);
			assertThatExceptionOfType(HumanAnswerRefusedException.class)
				.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "July", "bob"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.CLOSED))
				.withMessageContaining("was answered by alice");
		}
	}

	@Test
	void ofAHundredConcurrentAnswersExactlyOneIsApplied() throws Exception {
		ExecutorService answerers = Executors.newFixedThreadPool(16);
		try (Session session = new Session(this.config)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Lima");
			HumanRequest request = awaitPending(this.requests);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HumanAnswer>> answers = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				String value = "answer " + i;
				answers.add(answerers.submit(() -> {
					start.await();
					return this.requests.answer(request.runId(), request.requestId(), value, "person");
				}));
			}
			start.countDown();
			List<String> applied = new ArrayList<>();
			int refused = 0;
			for (Future<HumanAnswer> answer : answers) {
				try {
					applied.add((String) answer.get(10, TimeUnit.SECONDS).value());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(HumanAnswerRefusedException.class);
					assertThat(((HumanAnswerRefusedException) ex.getCause()).reason())
						.isEqualTo(HumanAnswerRefusedException.Reason.CLOSED);
					refused++;
				}
			}
			assertThat(applied).hasSize(1);
			assertThat(refused).isEqualTo(99);
			assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("Dates for Lima: " + applied.get(0));
		}
		finally {
			answerers.shutdownNow();
		}
	}

	@Test
	void aQuestionNobodyAnswersInTimeFailsTheNodeAndALateAnswerIsRefusedAsTimedOut() throws Exception {
		NodeDefinition<String> impatient = FunctionNode.of("impatient",
				() -> askHuman("Quick?", String.class, Duration.ofMillis(200)));
		List<HumanRequest> asked = new ArrayList<>();
		this.requests.addListener(new HumanRequests.Listener() {
			@Override
			public void requested(HumanRequest request) {
				asked.add(request);
			}
		});
		try (Session session = new Session(this.config)) {
			assertThatExceptionOfType(HumanTimeoutException.class).isThrownBy(() -> session.call(impatient))
				.withMessageContaining("(\"Quick?\") within PT0.2S");
			HumanRequest request = asked.get(0);
			assertThatExceptionOfType(HumanAnswerRefusedException.class)
				.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "yes", null))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.CLOSED))
				.withMessageContaining("timed out after PT0.2S");
			assertThat(NodeMiddlewareTests.internalsOf(session, "Human").get("human").get("status").asString())
				.isEqualTo("timed_out");
		}
	}

	@Test
	void aSessionTimeoutShorterThanTheQuestionsWinsAndClosesTheRequest() throws Exception {
		ExecutorConfig shortRuns = this.config.toBuilder().timeout(Duration.ofMillis(300)).build();
		List<String> closed = new ArrayList<>();
		this.requests.addListener(new HumanRequests.Listener() {
			@Override
			public void closed(HumanRequest request, String how) {
				closed.add(how);
			}
		});
		HumanRequest request;
		try (Session session = new Session(shortRuns)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Rome");
			request = awaitPending(this.requests);
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> run.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(GlobalTimeoutException.class);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (!this.requests.pending().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(this.requests.pending()).isEmpty();
			// The run's end records the Human node failed at once; the node's thread stops after that.
			JsonNode graph = JSON.readTree(session.info().graphSerialization());
			List<String> statuses = new ArrayList<>();
			for (JsonNode edge : graph.get("edges")) {
				if (edge.get("target").asString().equals(humanNodeId(graph))) {
					statuses.add(edge.get("details").get("status").asString());
				}
			}
			assertThat(statuses).containsExactly("Failed");
			assertThat(NodeMiddlewareTests.internalsOf(session, "Human").get("human").get("question").asString())
				.isEqualTo("Which dates?");
		}
		assertThat(closed).containsExactly("ended with its run");
		assertThatExceptionOfType(HumanAnswerRefusedException.class)
			.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "May", null))
			.withMessageContaining("ended with its run");
	}

	@Test
	void aRunCancelledWhileWaitingDropsItsRequestAndRefusesTheAnswer() throws Exception {
		try (Session session = new Session(this.config)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Bern");
			HumanRequest request = awaitPending(this.requests);
			run.cancel(true);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (!this.requests.pending().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(this.requests.pending()).isEmpty();
			assertThatExceptionOfType(HumanAnswerRefusedException.class)
				.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "May", null))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.CLOSED))
				.withMessageContaining("ended with its run");
		}
	}

	private static String humanNodeId(JsonNode graph) {
		for (JsonNode node : graph.get("nodes")) {
			if (node.get("name").asString().equals("Human")) {
				return node.get("identifier").asString();
			}
		}
		throw new AssertionError("No Human node in " + graph);
	}

	@Test
	void aFlowListsAndAnswersTheRequestsOfItsRuns() throws Exception {
		Flow<String> flow = Flow.builder("trips", this.planner).config(this.config).build();
		CompletableFuture<String> run = flow.invokeAsync("Porto");
		HumanRequest request = awaitPending(this.requests);
		assertThat(flow.pendingHumanRequests()).containsExactly(request);
		flow.answer(request.runId(), request.requestId(), "August", "carol");
		assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("Dates for Porto: August");
	}

	@Test
	void anAnswerItsChannelFailsToDeliverLeavesTheRequestWaitingForTheNext() throws Exception {
		CompletableFuture<HumanAnswer> delivered = new CompletableFuture<>();
		AtomicInteger deliveries = new AtomicInteger();
		HumanChannel flaky = new HumanChannel() {

			@Override
			public String requestId(String proposed) {
				return proposed;
			}

			@Override
			public Optional<HumanAnswer> await(HumanRequest request, Duration timeout) throws InterruptedException {
				try {
					return Optional.of(delivered.get(30, TimeUnit.SECONDS));
				}
				catch (ExecutionException | TimeoutException ex) {
					return Optional.empty();
				}
			}

			@Override
			public void deliver(HumanRequest request, HumanAnswer answer) {
				if (deliveries.incrementAndGet() == 1) {
					throw new IllegalStateException("The database is down");
				}
				delivered.complete(answer);
			}

		};
		NodeMiddleware throughFlaky = (call) -> HumanRequests.asks(call) ? HumanRequests.through(flaky, call)
				: call.proceed();
		ExecutorConfig flakyConfig = TestConfigs.noSave().humanRequests(this.requests).addNodeMiddleware(throughFlaky)
			.build();
		try (Session session = new Session(flakyConfig)) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Rome");
			HumanRequest request = awaitPending(this.requests);
			assertThatIllegalStateException()
				.isThrownBy(() -> this.requests.answer(request.runId(), request.requestId(), "May", "alice"))
				.withMessage("The database is down");
			assertThat(this.requests.pending(request.runId(), request.requestId())).isPresent();
			this.requests.answer(request.runId(), request.requestId(), "June", "bob");
			assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("Dates for Rome: June");
		}
	}

	@Test
	void aWaitThatFailsRecordsTheHumanCallAsEnded() throws Exception {
		HumanChannel failing = new HumanChannel() {

			@Override
			public String requestId(String proposed) {
				return proposed;
			}

			@Override
			public Optional<HumanAnswer> await(HumanRequest request, Duration timeout) {
				throw new IllegalStateException("The wait failed");
			}

			@Override
			public void deliver(HumanRequest request, HumanAnswer answer) {
			}

		};
		NodeMiddleware throughFailing = (call) -> HumanRequests.asks(call) ? HumanRequests.through(failing, call)
				: call.proceed();
		try (Session session = new Session(TestConfigs.noSave().humanRequests(this.requests)
			.addNodeMiddleware(throughFailing)
			.build())) {
			CompletableFuture<String> run = session.callAsync(this.planner, "Bern");
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> run.get(10, TimeUnit.SECONDS));
			JsonNode human = NodeMiddlewareTests.internalsOf(session, "Human").get("human");
			assertThat(human.get("status").asString()).isEqualTo("ended");
		}
	}

	@Test
	void aTimeoutThatIsNotPositiveIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> askHuman("?", String.class, Duration.ZERO))
			.withMessage("The timeout of a question for a person must be positive, got PT0S");
	}

}
