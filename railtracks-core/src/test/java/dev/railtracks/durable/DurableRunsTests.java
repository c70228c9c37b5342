package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.WorkflowState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.TestConfigs;
import dev.railtracks.testing.PostgresTestDatabase;

/** The operations on durable runs ({@link DurableRuns}) on a real PostgreSQL database (started by {@code .ci/postgres}). */
class DurableRunsTests {

	private PostgresTestDatabase database;

	private DBOS dbos;

	private Durability durability;

	@BeforeEach
	void startDbos() {
		this.database = PostgresTestDatabase.create("durableruns");
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "runs-tests");
		this.durability = Durability.on(this.dbos);
	}

	@AfterEach
	void stopDbos() {
		this.dbos.shutdown();
		this.database.close();
	}

	@Test
	void runsAreListedWithTheirFlowStatusExecutorAndStepsAndFiltered() {
		TripFlow trip = new TripFlow();
		DurableFlow<String> trips = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		DurableFlow<String> echo = this.durability
			.register(Flow.of("echo", FunctionNode.of("echo", (String text) -> text)));
		this.durability.launch();
		Instant before = Instant.now().minusSeconds(1);
		trips.invoke("trip-a", "Lisbon");
		trips.invoke("trip-b", "Porto");
		echo.invoke("echo-a", "hi");
		DurableRuns runs = this.durability.runs();

		List<DurableRunInfo> all = runs.list(DurableRunQuery.all());
		assertThat(all).extracting(DurableRunInfo::id).containsExactly("echo-a", "trip-b", "trip-a");
		DurableRunInfo first = all.get(2);
		assertThat(first.flow()).isEqualTo("trip");
		assertThat(first.status()).isEqualTo(WorkflowState.SUCCESS);
		assertThat(first.executorId()).isEqualTo("runs-tests");
		assertThat(first.steps()).isEqualTo(9);
		assertThat(first.startedAt()).isAfter(before);
		assertThat(first.error()).isNull();
		assertThat(runs.list(DurableRunQuery.all().withFlow("trip").withLimit(1))).extracting(DurableRunInfo::id)
			.containsExactly("trip-b");
		assertThat(runs.list(DurableRunQuery.all().withStatus(WorkflowState.ERROR))).isEmpty();
		assertThat(runs.list(DurableRunQuery.all().withStartedBetween(Instant.now().plusSeconds(60), null))).isEmpty();
		assertThat(runs.steps("trip-a")).extracting(DurableRunStep::position)
			.containsExactlyInAnyOrder("0", "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.5.0", "0.6");
		assertThat(runs.steps("trip-a")).allMatch((step) -> step.outcome() == DurableRunStep.Outcome.COMPLETED);
		assertThat(runs.find("nobody")).isEmpty();
		assertThatThrownBy(() -> runs.steps("nobody")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'nobody'");
		assertThatThrownBy(() -> runs.find("no/such")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'no/such'");
	}

	@Test
	void aForkRunsTheForkPointItsEnclosingCallsAndTheLaterOnesAgainWithTodaysCodeAndReplaysTheRest(
			@TempDir Path states) throws Exception {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability
			.register(trip.flow(ExecutorConfig.builder().stateDirectory(states).build()));
		this.durability.launch();
		flow.invoke("trip-1", "Lisbon");
		trip.book = (city) -> "rebooked " + city;

		// The plan's search: the plan and the root enclose it, the booking comes after it.
		String fork = this.durability.runs().fork("trip-1", "0.5.0", "trip-1-again");

		assertThat(fork).isEqualTo("trip-1-again");
		assertThat(flow.result(fork)).isEqualTo(TripFlow.resultFor("Lisbon").replace("booked", "rebooked"));
		assertThat(trip.executions("trip")).isEqualTo(2);
		assertThat(trip.executions("plan")).isEqualTo(2);
		assertThat(trip.executions("search")).isEqualTo(3); // the root's search is replayed, the plan's runs again
		assertThat(trip.executions("hotel")).isEqualTo(3);
		// (The asynchronous weather call starts its step on a thread of its own, maybe after the fork point.)
		assertThat(trip.executions("book")).isEqualTo(2);
		assertThat(this.durability.runs().find(fork).orElseThrow().forkedFrom()).isEqualTo("trip-1");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(states.resolve("trip_trip-1-again.json")));
		Map<String, Boolean> replayedByName = new LinkedHashMap<>();
		JsonNode document = JsonMapper.shared().readTree(Files.readString(states.resolve("trip_trip-1-again.json")));
		int nodes = 0;
		boolean recovered = false;
		for (JsonNode run : document.path("runs")) {
			for (JsonNode node : run.path("nodes")) {
				nodes++;
				JsonNode internals = node.path("details").path("internals");
				replayedByName.merge(node.path("name").asString(),
						internals.path(DurableCalls.REPLAYED_DETAIL).asBoolean(false), Boolean::logicalOr);
				recovered |= internals.path(DurableCalls.RECOVERED_DETAIL).asBoolean(false);
			}
		}
		assertThat(nodes).isEqualTo(9);
		assertThat(replayedByName).containsEntry("hotel", true)
			.containsEntry("search", true)
			.containsEntry("trip", false)
			.containsEntry("plan", false)
			.containsEntry("book", false);
		assertThat(recovered).as("the root call says the run is recovered").isTrue();
	}

	@Test
	void forkingFromAPositionTheRunDoesNotHaveNamesTheRunThePositionAndItsSteps() {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();
		flow.invoke("trip-2", "Lisbon");
		DurableRuns runs = this.durability.runs();

		assertThatThrownBy(() -> runs.fork("trip-2", "0.9")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'trip-2'")
			.hasMessageContaining("'0.9'")
			.hasMessageContaining("its steps are at 0, 0.0, ");
		assertThatThrownBy(() -> runs.fork("trip-2", "zero")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'zero'");
		assertThatThrownBy(() -> runs.fork("nobody", "0")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'nobody'");
		assertThatThrownBy(() -> runs.fork("trip-2", "0", "trip-2")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("as 'trip-2': a run with that id exists");
		assertThatThrownBy(() -> runs.resume("trip-2")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'trip-2' has finished (SUCCESS)");
		assertThatThrownBy(() -> runs.cancel("trip-2")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'trip-2' has finished");
	}

	@Test
	void aCancelledRunStopsAtItsNextCallAndResumesWithoutRunningItsCompletedCallsAgain() throws Exception {
		Map<String, Integer> executions = new java.util.concurrent.ConcurrentHashMap<>();
		CountDownLatch waiting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<String> first = FunctionNode.of("first", () -> ran(executions, "first"));
		FunctionNode<String> second = FunctionNode.of("second", () -> {
			if (executions.merge("second", 1, Integer::sum) == 1) {
				waiting.countDown();
				release.await();
			}
			return "second";
		});
		FunctionNode<String> third = FunctionNode.of("third", () -> ran(executions, "third"));
		FunctionNode<String> root = FunctionNode.of("root", () -> ran(executions, "root") + ":"
				+ Railtracks.call(first) + "," + Railtracks.call(second) + "," + Railtracks.call(third));
		DurableFlow<String> flow = this.durability.register(Flow.builder("cancellable", root)
			.config(TestConfigs.NO_SAVE)
			.build());
		this.durability.launch();
		Thread caller = new Thread(() -> {
			try {
				flow.invoke("cancel-1");
			}
			catch (RuntimeException expected) {
				// The run is cancelled.
			}
		});
		caller.start();
		assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

		this.durability.runs().cancel("cancel-1");
		release.countDown();
		caller.join(30_000);
		assertThat(this.durability.runs().find("cancel-1").orElseThrow().status()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(executions).doesNotContainKey("third");

		this.durability.runs().resume("cancel-1");

		assertThat(flow.result("cancel-1")).isEqualTo("root:first,second,third");
		assertThat(executions).containsEntry("root", 2).containsEntry("first", 1).containsEntry("second", 1)
			.containsEntry("third", 1);
	}

	@Test
	void anotherExecutorRecoversTheRunsOfAnExecutorThatIsGone() throws Exception {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();
		CountDownLatch booking = new CountDownLatch(1);
		trip.book = (city) -> {
			booking.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "never";
		};
		Thread caller = new Thread(() -> {
			try {
				flow.invoke("trip-3", "Faro");
			}
			catch (RuntimeException expected) {
				// The executor goes away.
			}
		});
		caller.start();
		assertThat(booking.await(30, TimeUnit.SECONDS)).isTrue();
		this.dbos.shutdown();
		caller.join(30_000);
		trip.book = (city) -> "booked " + city;
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "rescuer");
		this.durability = Durability.on(this.dbos);
		DurableFlow<String> rescued = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();
		assertThatThrownBy(() -> this.durability.runs().recover("rescuer"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'rescuer' is this instance's own executor id");

		assertThat(this.durability.runs().recover("runs-tests")).containsExactly("trip-3");

		assertThat(rescued.result("trip-3")).isEqualTo(TripFlow.resultFor("Faro"));
		assertThat(trip.executions("weather")).isEqualTo(1);
		assertThat(trip.executions("book")).isEqualTo(2);
		assertThat(this.durability.runs().find("trip-3").orElseThrow().executorId()).isEqualTo("rescuer");
		assertThat(this.durability.runs().recover("runs-tests")).isEmpty();
	}

	@Test
	void anInstanceOfANewApplicationVersionForksWithItsOwnCodeAndRefusesToResumeOrRecoverRunsOfTheOldOne()
			throws Exception {
		CountDownLatch holding = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<String> echoNode = FunctionNode.of("echo", (String text) -> {
			if (text.startsWith("hold")) {
				holding.countDown();
				release.await();
			}
			return text;
		});
		DurableFlow<String> echo = this.durability.register(Flow.builder("echo", echoNode)
			.config(TestConfigs.NO_SAVE)
			.build());
		this.durability.launch();
		echo.invoke("echo-1", "hi");
		List<Thread> callers = List.of(invokeQuietly(echo, "echo-2", "hold on"), invokeQuietly(echo, "echo-3", "hold"));
		assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
		this.durability.runs().cancel("echo-2");
		String oldVersion = this.dbos.getWorkflowStatus("echo-1").orElseThrow().appVersion();
		this.dbos.shutdown();
		release.countDown();
		for (Thread caller : callers) {
			caller.join(30_000);
		}
		// Today's code registers one flow more: another application version.
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "runs-tests-new");
		this.durability = Durability.on(this.dbos);
		DurableFlow<String> newEcho = this.durability.register(Flow.builder("echo", echoNode)
			.config(TestConfigs.NO_SAVE)
			.build());
		this.durability.register(Flow.of("other", FunctionNode.of("other", (String text) -> text)));
		this.durability.launch();
		DurableRuns runs = this.durability.runs();

		String fork = runs.fork("echo-1", "0", "echo-1-again");

		assertThat(newEcho.result(fork)).isEqualTo("hi");
		String newVersion = this.dbos.getWorkflowStatus(fork).orElseThrow().appVersion();
		assertThat(newVersion).isNotEqualTo(oldVersion);
		assertThatThrownBy(() -> runs.resume("echo-2")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'echo-2'")
			.hasMessageContaining("'" + oldVersion + "'")
			.hasMessageContaining("'" + newVersion + "'");
		assertThat(runs.find("echo-2").orElseThrow().status()).isEqualTo(WorkflowState.CANCELLED);
		assertThatThrownBy(() -> runs.recover("runs-tests")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("echo-3 (" + oldVersion + ")")
			.hasMessageContaining("'" + newVersion + "'");
		assertThat(runs.find("echo-3").orElseThrow().status()).isEqualTo(WorkflowState.PENDING);
		assertThat(runs.find("echo-3").orElseThrow().executorId()).isEqualTo("runs-tests");
	}

	private static Thread invokeQuietly(DurableFlow<String> flow, String key, String text) {
		Thread caller = new Thread(() -> {
			try {
				flow.invoke(key, text);
			}
			catch (RuntimeException expected) {
				// Cancelled, or its instance is shut down.
			}
		});
		caller.start();
		return caller;
	}

	private static String ran(Map<String, Integer> executions, String node) {
		executions.merge(node, 1, Integer::sum);
		return node;
	}

}
