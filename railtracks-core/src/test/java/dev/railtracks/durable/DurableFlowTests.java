package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.StepInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Railtracks;
import dev.railtracks.TestConfigs;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.middleware.Retry;
import dev.railtracks.testing.PostgresTestDatabase;

/** Durable flows on DBOS and a real PostgreSQL database (started by {@code .ci/postgres}). */
class DurableFlowTests {

	private PostgresTestDatabase database;

	private DBOS dbos;

	private Durability durability;

	@BeforeEach
	void startDbos() {
		this.database = PostgresTestDatabase.create("durable");
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "durable-tests");
		this.durability = Durability.on(this.dbos);
	}

	@AfterEach
	void stopDbos() {
		this.dbos.shutdown();
		this.database.close();
	}

	@Test
	void everyNodeCallAtAnyDepthIsAStepOfTheRunsWorkflow() {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();

		assertThat(flow.invoke("trip-1", "Lisbon")).isEqualTo(TripFlow.resultFor("Lisbon"));

		// The batch's children and the asynchronous call are numbered in the order the root made them.
		assertThat(this.dbos.listWorkflowSteps("trip-1")).extracting(StepInfo::functionName)
			.containsExactlyInAnyOrder("0 trip", "0.0 search", "0.1 hotel", "0.2 hotel", "0.3 hotel", "0.4 weather",
					"0.5 plan", "0.5.0 search", "0.6 book");
	}

	@Test
	void aRecoveredRunReplaysTheCompletedCallsRunsTheRestAndRecordsEveryNode(@TempDir Path states) throws Exception {
		TripFlow trip = new TripFlow();
		ExecutorConfig config = ExecutorConfig.builder().stateDirectory(states).build();
		crashWhileBooking(trip, config, "trip-2", "Lisbon");

		String recovered = restart(trip, config).result("trip-2");

		assertThat(recovered).isEqualTo(TripFlow.resultFor("Lisbon"));
		// Only the calls that had not completed ran again: the root and the booking under way at the crash.
		assertThat(trip.executions("trip")).isEqualTo(2);
		assertThat(trip.executions("book")).isEqualTo(2);
		assertThat(trip.executions("search")).isEqualTo(2); // the root's and the plan's, once each
		assertThat(trip.executions("hotel")).isEqualTo(3);
		assertThat(trip.executions("weather")).isEqualTo(1);
		assertThat(trip.executions("plan")).isEqualTo(1);
		// The idempotency key is the session id: the recovered run's record replaces the crashed one's, whole.
		String saved = Files.readString(states.resolve("trip_trip-2.json"));
		assertThat(loadSchema().validate(saved, InputFormat.JSON)).isEmpty();
		List<String> nodes = new ArrayList<>();
		List<String> replayed = new ArrayList<>();
		JsonNode document = JsonMapper.shared().readTree(saved);
		for (JsonNode run : document.path("runs")) {
			for (JsonNode node : run.path("nodes")) {
				String name = node.path("name").asString();
				nodes.add(name);
				if (node.path("details").path("internals").path(DurableCalls.REPLAYED_DETAIL).asBoolean(false)) {
					replayed.add(name);
				}
			}
		}
		assertThat(nodes).containsExactlyInAnyOrder("trip", "search", "hotel", "hotel", "hotel", "weather", "plan",
				"search", "book");
		// The plan's own search is recorded too, made again from its checkpoint under the replayed plan.
		assertThat(replayed).containsExactlyInAnyOrder("search", "hotel", "hotel", "hotel", "weather", "plan",
				"search");
	}

	@Test
	void anAgentRunningAgainOnRecoveryDoesNotCallTheModelForItsCompletedRounds() throws Exception {
		AtomicInteger modelCalls = new AtomicInteger();
		AtomicInteger lookups = new AtomicInteger();
		AtomicBoolean blockRoundThree = new AtomicBoolean(true);
		CountDownLatch roundThree = new CountDownLatch(1);
		ScriptedModel model = ScriptedModel.of((request) -> {
			modelCalls.incrementAndGet();
			long results = request.messages().stream().filter(ToolResultMessage.class::isInstance).count();
			if (results < 2) {
				String city = (results == 0) ? "Lisbon" : "Porto";
				return ModelResponse.toolCalls(new ToolCall("call-" + results, "lookup", "{\"city\":\"" + city + "\"}"));
			}
			if (blockRoundThree.get()) {
				roundThree.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException("interrupted", ex);
				}
			}
			return ModelResponse.text("Lisbon, then Porto");
		});
		FunctionNode<String> lookup = FunctionNode.of("lookup", (String city) -> {
			lookups.incrementAndGet();
			return city + " is sunny";
		}).withParameterNames("city");
		Agent<String> planner = Agent.builder("planner")
			.model(model)
			.tool(lookup, "Looks a city up")
			.modelMiddleware(this.durability.modelRounds())
			.build();
		Flow<AgentResponse<String>> flow = Flow.builder("agent-trip", planner).config(TestConfigs.NO_SAVE).build();
		DurableFlow<AgentResponse<String>> durable = this.durability.register(flow);
		this.durability.launch();
		Thread caller = new Thread(() -> {
			try {
				durable.invoke("agent-1", "plan a trip");
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		assertThat(roundThree.await(30, TimeUnit.SECONDS)).as("round 3 started").isTrue();
		this.dbos.shutdown();
		caller.join(30_000);
		blockRoundThree.set(false);

		AgentResponse<String> recovered = restart(flow).result("agent-1");

		assertThat(recovered.text()).isEqualTo("Lisbon, then Porto");
		assertThat(modelCalls).as("rounds 1 and 2 once, round 3 twice").hasValue(4);
		assertThat(lookups).as("each tool call once").hasValue(2);
	}

	@Test
	void aFailedCallWhoseFailureTheCallerHandledThrowsItAgainOnRecoveryWithoutRunning() throws Exception {
		AtomicInteger bookings = new AtomicInteger();
		AtomicBoolean bookingFails = new AtomicBoolean(true);
		AtomicBoolean blockNotify = new AtomicBoolean(true);
		CountDownLatch notifying = new CountDownLatch(1);
		FunctionNode<String> book = FunctionNode.of("book", (String city) -> {
			bookings.incrementAndGet();
			if (bookingFails.get()) {
				throw new IllegalArgumentException("no seats to " + city);
			}
			return "booked " + city;
		});
		FunctionNode<String> note = FunctionNode.of("note", (String text) -> "noted " + text);
		FunctionNode<String> notify = FunctionNode.of("notify", (String text) -> {
			if (blockNotify.get()) {
				notifying.countDown();
				blockUntilInterrupted();
			}
			return "sent " + text;
		});
		FunctionNode<String> root = FunctionNode.of("root", (String city) -> {
			String outcome;
			try {
				outcome = Railtracks.call(book, city);
			}
			catch (RuntimeException ex) {
				outcome = "failed: " + rootCause(ex);
			}
			String noted = Railtracks.call(note, outcome);
			return Railtracks.call(notify, noted);
		});
		Flow<String> flow = Flow.builder("handled-failure", root).config(TestConfigs.NO_SAVE).build();
		DurableFlow<String> durable = this.durability.register(flow);
		this.durability.launch();
		crashWhile(() -> durable.invoke("handled-1", "Lisbon"), notifying);
		// Were the booking run again, it would succeed now, and the recorded note would not match.
		bookingFails.set(false);
		blockNotify.set(false);

		String recovered = restart(flow).result("handled-1");

		assertThat(recovered).isEqualTo("sent noted failed: java.lang.IllegalArgumentException: no seats to Lisbon");
		assertThat(bookings).as("the failed booking ran once").hasValue(1);
	}

	@Test
	void aCallRetriedBeforeTheCrashFindsItsCallsOnRecoveryWhicheverAttemptSucceeds() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		AtomicBoolean recovering = new AtomicBoolean();
		AtomicInteger searches = new AtomicInteger();
		CountDownLatch quoting = new CountDownLatch(1);
		FunctionNode<String> search = FunctionNode.of("search", (String city) -> {
			searches.incrementAndGet();
			return "found " + city;
		});
		FunctionNode<String> quote = FunctionNode.of("quote", (String found) -> {
			if (!recovering.get()) {
				quoting.countDown();
				blockUntilInterrupted();
			}
			return "quote for " + found;
		});
		NodeDefinition<String> plan = FunctionNode.of("plan", (String city) -> {
			int attempt = attempts.incrementAndGet();
			String found = Railtracks.call(search, city);
			if (attempt == 1) {
				throw new IllegalArgumentException("the first attempt fails");
			}
			return Railtracks.call(quote, found);
		}).withMiddleware(Retry.builder().maxAttempts(2).backoff(Duration.ofMillis(1), 1.0).build());
		FunctionNode<String> root = FunctionNode.of("root", (String city) -> Railtracks.call(plan, city));
		Flow<String> flow = Flow.builder("retried", root).config(TestConfigs.NO_SAVE).build();
		DurableFlow<String> durable = this.durability.register(flow);
		this.durability.launch();
		crashWhile(() -> durable.invoke("retried-1", "Porto"), quoting);
		// On recovery the plan's first attempt succeeds: its quote is its second call, as in the crashed attempt.
		recovering.set(true);
		attempts.set(1);

		assertThat(restart(flow).result("retried-1")).isEqualTo("quote for found Porto");
		// Recovery found both calls where they were recorded: no determinism failure (which the retry would have hidden
		// by running the plan again, searching anew).
		assertThat(searches).as("a search per attempt before the crash, none on recovery").hasValue(2);
	}

	@Test
	void argumentsAreComparedAsValuesWhateverTheOrderOfASetsElementsOrAMapsEntries() throws Exception {
		AtomicBoolean recovering = new AtomicBoolean();
		CountDownLatch notifying = new CountDownLatch(1);
		FunctionNode<String> tag = FunctionNode.of("tag",
				(Set<String> tags, Map<String, Integer> counts) -> tags.size() + "/" + counts.size());
		FunctionNode<String> notify = FunctionNode.of("notify", (String text) -> {
			if (!recovering.get()) {
				notifying.countDown();
				blockUntilInterrupted();
			}
			return "sent " + text;
		});
		FunctionNode<String> root = FunctionNode.of("root", (String city) -> {
			// The same set and map as before the crash, iterating in another order on recovery.
			List<String> order = recovering.get() ? List.of("sea", "city", "old") : List.of("old", "city", "sea");
			Set<String> tags = new LinkedHashSet<>(order);
			Map<String, Integer> counts = new LinkedHashMap<>();
			order.forEach((key) -> counts.put(key, key.length()));
			return Railtracks.call(notify, Railtracks.call(tag, tags, counts));
		});
		Flow<String> flow = Flow.builder("unordered", root).config(TestConfigs.NO_SAVE).build();
		DurableFlow<String> durable = this.durability.register(flow);
		this.durability.launch();
		crashWhile(() -> durable.invoke("unordered-1", "Faro"), notifying);
		recovering.set(true);

		assertThat(restart(flow).result("unordered-1")).isEqualTo("sent 3/3");
	}

	@Test
	void fiftyConcurrentInvocationsWithOneKeyRunTheFlowOnce() throws Exception {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();
		ExecutorService callers = Executors.newFixedThreadPool(50);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				results.add(callers.submit(() -> {
					start.await();
					return flow.invoke("trip-once", "Porto");
				}));
			}
			start.countDown();
			for (Future<String> result : results) {
				assertThat(result.get()).isEqualTo(TripFlow.resultFor("Porto"));
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(trip.executions("trip")).isEqualTo(1);
		assertThat(trip.executions("book")).isEqualTo(1);
	}

	@Test
	void aRecoveredRunThatMakesAnotherCallFailsNamingThePositionAndBothCalls() throws Exception {
		TripFlow trip = new TripFlow();
		crashWhileBooking(trip, TestConfigs.NO_SAVE, "trip-3", "Lisbon");

		// The code changed meanwhile: the first search now asks for another city.
		trip.firstSearch = (city) -> "Faro";
		DurableFlow<String> restarted = restart(trip, TestConfigs.NO_SAVE);

		assertThatThrownBy(() -> restarted.result("trip-3"))
			.isInstanceOfSatisfying(DeterminismException.class, (ex) -> {
				assertThat(ex.position()).isEqualTo("0.0");
				assertThat(ex.recordedCall()).contains("'search'").contains("Lisbon");
				assertThat(ex.newCall()).contains("'search'").contains("Faro");
			})
			.hasMessageContaining("trip-3")
			.hasMessageContaining("call 0.0");
		assertThat(trip.executions("search")).as("the recorded search did not run again").isEqualTo(2);
		assertThat(trip.executions("book")).as("nothing after the divergence ran").isEqualTo(1);
	}

	@Test
	void aResultThatCannotBeCheckpointedFailsTheCallNamingTheNodeAndTheType() {
		FunctionNode<Object> opaque = FunctionNode.of("opaque", () -> new Object());
		FunctionNode<String> root = FunctionNode.of("root", () -> "got " + Railtracks.call(opaque));
		DurableFlow<String> flow = this.durability.register(Flow.builder("opaque-flow", root).config(TestConfigs.NO_SAVE).build());
		this.durability.launch();

		assertThatThrownBy(() -> flow.invoke("opaque-1"))
			.isInstanceOf(UncheckpointableValueException.class)
			.hasMessageContaining("node 'opaque'")
			.hasMessageContaining("java.lang.Object");
	}

	@Test
	void anArgumentThatCannotBeCheckpointedFailsTheInvocationBeforeAnythingRuns() {
		TripFlow trip = new TripFlow();
		DurableFlow<String> flow = this.durability.register(trip.flow(TestConfigs.NO_SAVE));
		this.durability.launch();

		assertThatThrownBy(() -> flow.invoke("trip-4", new Thread()))
			.isInstanceOf(UncheckpointableValueException.class)
			.hasMessageContaining("Argument 0 of flow 'trip'")
			.hasMessageContaining("java.lang.Thread");
		assertThat(this.dbos.getWorkflowStatus("trip-4")).isEmpty();
		assertThat(trip.executions).isEmpty();
	}

	/**
	 * Starts a run whose booking blocks, and shuts DBOS down while it does, as a crash would leave it: the run's
	 * workflow is still pending in the database, with the calls before the booking checkpointed.
	 */
	private void crashWhileBooking(TripFlow trip, ExecutorConfig config, String key, String city) throws Exception {
		DurableFlow<String> flow = this.durability.register(trip.flow(config));
		this.durability.launch();
		CountDownLatch booking = new CountDownLatch(1);
		trip.book = (destination) -> {
			booking.countDown();
			try {
				new CountDownLatch(1).await();
				return "never";
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException("interrupted", ex);
			}
		};
		Thread caller = new Thread(() -> {
			try {
				flow.invoke(key, city);
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		assertThat(booking.await(30, TimeUnit.SECONDS)).as("the booking started").isTrue();
		this.dbos.shutdown();
		caller.join(30_000);
		trip.book = (destination) -> "booked " + destination;
	}

	/** Runs an invocation until a latch opens, then shuts DBOS down, as a crash would leave the run: pending. */
	private void crashWhile(Runnable invocation, CountDownLatch started) throws Exception {
		Thread caller = new Thread(() -> {
			try {
				invocation.run();
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		assertThat(started.await(30, TimeUnit.SECONDS)).as("the run reached the call to crash in").isTrue();
		this.dbos.shutdown();
		caller.join(30_000);
	}

	private static void blockUntilInterrupted() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

	/** A new DBOS instance with the same executor id, the trip flow registered, launched: it recovers the run. */
	private DurableFlow<String> restart(TripFlow trip, ExecutorConfig config) {
		return restart(trip.flow(config));
	}

	/** A new DBOS instance with the same executor id, the flow registered, launched: it recovers the flow's runs. */
	private <O> DurableFlow<O> restart(Flow<O> flow) {
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "durable-tests");
		this.durability = Durability.on(this.dbos);
		DurableFlow<O> durable = this.durability.register(flow);
		this.durability.launch();
		return durable;
	}

	private static Schema loadSchema() {
		try (InputStream schema = DurableFlowTests.class.getResourceAsStream("/railtracks-state-schema.json")) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
