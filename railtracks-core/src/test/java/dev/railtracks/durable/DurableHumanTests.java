package dev.railtracks.durable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.StepInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.HumanAnswerRefusedException;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.NodeDefinition;
import dev.railtracks.testing.PendingHumanRequests;
import dev.railtracks.TestConfigs;
import dev.railtracks.middleware.Retry;
import dev.railtracks.testing.PostgresTestDatabase;

import static dev.railtracks.Railtracks.askHuman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Questions for a person in durable flows, on DBOS and a real PostgreSQL database (started by {@code .ci/postgres}):
 * the wait goes through DBOS notifications, so an answer given while no instance runs the run, on another instance,
 * resumes it once it is recovered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurableHumanTests {

	private PostgresTestDatabase database;

	private DBOS dbos;

	private Durability durability;

	private HumanRequests requests = new HumanRequests();

	@BeforeEach
	void startDbos() {
		this.database = PostgresTestDatabase.create("durable_human");
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "human-tests");
		this.durability = Durability.on(this.dbos);
	}

	@AfterEach
	void stopDbos() {
		this.dbos.shutdown();
		this.database.close();
	}

	private Flow<String> flow() {
		ExecutorConfig config = TestConfigs.noSave().humanRequests(this.requests).build();
		return Flow.builder("trip", FunctionNode.of("plan",
				(String city) -> "Trip to " + city + " on " + askHuman("Which dates?", String.class, Duration.ofMinutes(5))))
			.config(config)
			.build();
	}

	@Test
	void aDurableRunWaitsThroughDbosAndItsAnswerIsCheckpointedWithTheHumanCall() throws Exception {
		DurableFlow<String> flow = this.durability.register(flow());
		this.durability.launch();
		CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> flow.invoke("trip-h1", "Oslo"));
		HumanRequest request = PendingHumanRequests.awaitPending(this.requests);
		assertThat(request.runId()).isEqualTo("trip-h1");
		assertThat(request.requestId()).isEqualTo("human-0.0");
		this.durability.answer("trip-h1", request.requestId(), "June 1-5", "alice");
		assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo("Trip to Oslo on June 1-5");
		assertThat(this.dbos.listWorkflowSteps("trip-h1")).extracting(StepInfo::functionName)
			.contains("0 plan", "0.0 Human", "DBOS.recv");
		assertThatExceptionOfType(HumanAnswerRefusedException.class)
			.isThrownBy(() -> this.durability.answer("trip-h1", request.requestId(), "July", "bob"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(HumanAnswerRefusedException.Reason.CLOSED))
			.withMessageContaining("is SUCCESS");
	}

	@Test
	void eachAttemptOfARetriedNodeAsksARequestOfItsOwnWhoseAnswerDbosKeeps() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		BlockingQueue<HumanRequest> asked = new LinkedBlockingQueue<>();
		this.requests.addListener(new HumanRequests.Listener() {

			@Override
			public void requested(HumanRequest request) {
				asked.add(request);
			}

		});
		NodeDefinition<String> plan = FunctionNode.of("plan", (String city) -> {
			String dates = askHuman("Which dates?", String.class, Duration.ofMinutes(5));
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalArgumentException("the first attempt fails after its answer");
			}
			return "Trip to " + city + " on " + dates;
		}).withMiddleware(Retry.builder().maxAttempts(2).backoff(Duration.ofMillis(1), 1.0).build());
		Flow<String> retried = Flow.builder("trip", plan)
			.config(TestConfigs.noSave().humanRequests(this.requests).build())
			.build();
		DurableFlow<String> flow = this.durability.register(retried);
		this.durability.launch();
		CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> flow.invoke("trip-h3", "Rome"));
		HumanRequest first = asked.poll(30, TimeUnit.SECONDS);
		assertThat(first).isNotNull();
		this.durability.answer("trip-h3", first.requestId(), "June", "alice");
		HumanRequest second = asked.poll(30, TimeUnit.SECONDS);
		assertThat(second).isNotNull();
		assertThat(List.of(first.requestId(), second.requestId())).containsExactly("human-0.0", "human-0.0-2");
		this.durability.answer("trip-h3", second.requestId(), "July", "bob");
		assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo("Trip to Rome on July");
		assertThat(this.dbos.listWorkflowSteps("trip-h3")).filteredOn((step) -> "DBOS.recv".equals(step.functionName()))
			.extracting((step) -> (Object) ((Map<?, ?>) step.output()).get(DurableHumanWait.REQUEST))
			.containsExactly("human-0.0", "human-0.0-2");
	}

	@Test
	void anAnswerGivenToAnotherInstanceWhileTheRunIsDownResumesItWhenItIsRecovered() throws Exception {
		DurableFlow<String> flow = this.durability.register(flow());
		this.durability.launch();
		Thread caller = new Thread(() -> {
			try {
				flow.invoke("trip-h2", "Lima");
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		HumanRequest request = PendingHumanRequests.awaitPending(this.requests);
		// The JVM running the run stops (as far as DBOS knows: the run stays pending).
		this.dbos.shutdown();
		caller.join(30_000);

		// Another instance, which does not run it, takes the answer.
		DBOS other = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "other-instance");
		try {
			Durability elsewhere = Durability.on(other);
			elsewhere.launch();
			elsewhere.answer("trip-h2", request.requestId(), "May 3-7", "alice");
			assertThatExceptionOfType(HumanAnswerRefusedException.class)
				.isThrownBy(() -> elsewhere.answer("no-such-run", request.requestId(), "x", null))
				.satisfies((ex) -> assertThat(ex.reason())
					.isEqualTo(HumanAnswerRefusedException.Reason.UNKNOWN_REQUEST));
		}
		finally {
			other.shutdown();
		}

		// The first instance restarts with the same executor id and recovers the run, which finds its answer.
		this.requests = new HumanRequests();
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "human-tests");
		this.durability = Durability.on(this.dbos);
		DurableFlow<String> recovered = this.durability.register(flow());
		this.durability.launch();
		assertThat(recovered.result("trip-h2")).isEqualTo("Trip to Lima on May 3-7");
	}

}
