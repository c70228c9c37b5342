package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Outcome;
import dev.railtracks.Railtracks;
import dev.railtracks.TestConfigs;
import dev.railtracks.testing.PostgresTestDatabase;

/** Batches sent through durable queues, on DBOS and a real PostgreSQL database (started by {@code .ci/postgres}). */
class DurableQueueTests {

	private static final Duration FAST_POLLING = Duration.ofMillis(20);

	private PostgresTestDatabase database;

	private final List<DBOS> instances = new ArrayList<>();

	/** How many {@code shout} calls started. */
	private final AtomicInteger shouts = new AtomicInteger();

	/** Holds the child running at a crash until the test ends (its JVM would have died). */
	private final CountDownLatch crashed = new CountDownLatch(1);

	/** The words {@code shout} calls started with. */
	private final ConcurrentLinkedQueue<String> shoutedWords = new ConcurrentLinkedQueue<>();

	/** How many {@code shout} calls run now, and the most at once. */
	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	/** When each {@code shout} started, in epoch milliseconds. */
	private final ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();

	/** What a {@code shout} does with its word before answering; nothing by default. */
	private volatile Consumer<String> whileShouting = (word) -> {
	};

	private final FunctionNode<String> lower = FunctionNode.of("lower", (String word) -> word.toLowerCase());

	/** Calls another node, so that a child's own calls must reach the record too. */
	private final FunctionNode<String> shout = FunctionNode.of("shout", (String word) -> {
		this.shouts.incrementAndGet();
		this.shoutedWords.add(word);
		this.starts.add(System.currentTimeMillis());
		this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
		try {
			this.whileShouting.accept(word);
			return Railtracks.call(this.lower, word).toUpperCase() + "!";
		}
		finally {
			this.running.decrementAndGet();
		}
	});

	private final FunctionNode<List<String>> fanOut = FunctionNode.of("fanOut",
			(List<String> all) -> DurableQueue.callBatch("llm", this.shout, all));

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("queues");
	}

	@AfterEach
	void stopInstances() {
		this.crashed.countDown();
		this.instances.forEach(DBOS::shutdown);
		this.database.close();
	}

	@Test
	void aBatchThroughAQueueReturnsEveryResultInInputOrderAndRecordsEveryChildsCalls(@TempDir Path states)
			throws Exception {
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(4));
		DurableFlow<List<String>> flow = durability.register(fan(ExecutorConfig.builder().stateDirectory(states).build()));
		durability.launch();
		List<String> inputs = words(20);

		assertThat(flow.invoke("fan-1", inputs)).isEqualTo(shouted(inputs));
		assertThat(this.shouts).hasValue(20);
		// Every child is a child workflow of the run, on the queue.
		assertThat(children(durability.dbos(), "fan-1")).hasSize(20)
			.allSatisfy((child) -> assertThat(child.queueName()).isEqualTo("llm"));
		// The run's record has every child and every call the children made.
		List<JsonNode> nodes = recordedNodes(states.resolve("fan_fan-1.json"));
		assertThat(nodes).extracting((node) -> node.path("name").asString())
			.containsOnly("fanOut", "shout", "lower")
			.filteredOn("shout"::equals)
			.hasSize(20);
		assertThat(nodes).filteredOn((node) -> node.path("name").asString().equals("shout"))
			.allSatisfy((node) -> assertThat(internals(node).path(DurableCalls.QUEUE_DETAIL).asString()).isEqualTo("llm"));
		assertThat(nodes).filteredOn((node) -> node.path("name").asString().equals("lower"))
			.hasSize(20)
			.allSatisfy((node) -> assertThat(internals(node).path(DurableCalls.REPLAYED_DETAIL).asBoolean()).isTrue());
	}

	@Test
	void aQueueRunsNoMoreThanItsConcurrencyAtOnceAndHoldsItsRateLimit() {
		int limit = 50;
		Duration period = Duration.ofSeconds(1);
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(4).rateLimit(limit, period));
		DurableFlow<List<String>> flow = durability.register(fan(TestConfigs.NO_SAVE));
		durability.launch();
		this.whileShouting = (word) -> sleep(10);
		List<String> inputs = words(200);

		assertThat(flow.invoke("fan-200", inputs)).isEqualTo(shouted(inputs));
		assertThat(this.shouts).hasValue(200);
		assertThat(this.mostAtOnce.get()).as("children running at once").isBetween(2, 4);
		// DBOS's start times: never more than the limit started within one period.
		List<Long> started = children(durability.dbos(), "fan-200").stream()
			.map((child) -> child.startedAt().toEpochMilli())
			.sorted()
			.toList();
		assertThat(started).hasSize(200);
		for (int i = 0; i + limit < started.size(); i++) {
			assertThat(started.get(i + limit) - started.get(i)).as("time between start %d and start %d", i, i + limit)
				.isGreaterThanOrEqualTo(period.toMillis());
		}
		// And as the children saw it: 200 starts at 50 a second take at least three seconds (generous: 2.7).
		List<Long> seen = this.starts.stream().sorted().toList();
		assertThat(seen.get(seen.size() - 1) - seen.get(0)).isGreaterThanOrEqualTo(2_700);
	}

	@Test
	void twoInstancesSharingTheQueueBothRunChildren() {
		DurableQueue queue = DurableQueue.named("llm").concurrency(4).workerConcurrency(2);
		Durability first = instance("queues-a", queue);
		Durability second = instance("queues-b", queue);
		DurableFlow<List<String>> flow = first.register(fan(TestConfigs.NO_SAVE));
		// Every instance registers the same flows and nodes: they make the application version children run under.
		second.register(fan(TestConfigs.NO_SAVE));
		first.launch();
		second.launch();
		this.whileShouting = (word) -> sleep(50);
		List<String> inputs = words(40);

		assertThat(flow.invoke("fan-fleet", inputs)).isEqualTo(shouted(inputs));
		Map<String, Long> byExecutor = children(first.dbos(), "fan-fleet").stream()
			.collect(Collectors.groupingBy(WorkflowStatus::executorId, Collectors.counting()));
		assertThat(byExecutor).containsOnlyKeys("queues-a", "queues-b");
		assertThat(this.shouts).hasValue(40);
		assertThat(this.mostAtOnce.get()).isLessThanOrEqualTo(4);
	}

	@Test
	void aRunCancelledWhileItsChildrenWaitInTheQueueEndsCancelledAndRunsNoneOfThem(@TempDir Path states)
			throws Exception {
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(1));
		DurableFlow<List<String>> flow = durability.register(fan(ExecutorConfig.builder().stateDirectory(states).build()));
		durability.launch();
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.whileShouting = (word) -> {
			firstStarted.countDown();
			await(release);
		};
		Thread caller = new Thread(() -> assertThatThrownBy(() -> flow.invoke("fan-cancel", words(10))).isNotNull());
		caller.start();
		assertThat(firstStarted.await(30, TimeUnit.SECONDS)).as("the first child started").isTrue();
		// The batch's children enqueue themselves in parallel: the first may start before the last is enqueued.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (children(durability.dbos(), "fan-cancel").size() < 10 && System.nanoTime() < deadline) {
			Thread.sleep(FAST_POLLING.toMillis());
		}
		assertThat(children(durability.dbos(), "fan-cancel")).as("every child enqueued").hasSize(10);

		durability.dbos().cancelWorkflow("fan-cancel");
		caller.join(30_000);
		release.countDown();

		assertThat(caller.isAlive()).as("the invocation ended").isFalse();
		assertThat(durability.dbos().getWorkflowStatus("fan-cancel")).get()
			.extracting(WorkflowStatus::status)
			.isEqualTo(WorkflowState.CANCELLED);
		// The children still waiting were cancelled with the run: none of them ever runs.
		assertThat(children(durability.dbos(), "fan-cancel")).extracting(WorkflowStatus::status)
			.containsOnly(WorkflowState.CANCELLED);
		Thread.sleep(10 * FAST_POLLING.toMillis());
		assertThat(this.shouts).hasValue(1);
		// The run's record is saved, with the batch's children.
		assertThat(recordedNodes(states.resolve("fan_fan-cancel.json"))).extracting((node) -> node.path("name").asString())
			.contains("fanOut", "shout");
	}

	@Test
	void aRecoveredRunDoesNotRunAgainTheChildrenThatHadEnded(@TempDir Path states) throws Exception {
		ExecutorConfig config = ExecutorConfig.builder().stateDirectory(states).build();
		// One at a time: every child before the last had ended at the crash.
		DurableQueue queue = DurableQueue.named("llm").concurrency(1);
		Durability durability = instance("queues-1", queue);
		DurableFlow<List<String>> flow = durability.register(fan(config));
		durability.launch();
		crashWhileTheLastChildRuns(durability, flow, "fan-crash", 10);

		Durability restarted = instance("queues-1", queue);
		DurableFlow<List<String>> recovered = restarted.register(fan(config));
		restarted.launch();

		assertThat(recovered.result("fan-crash")).isEqualTo(shouted(words(10)));
		assertThat(this.shouts).as("ten children, the one running at the crash twice").hasValue(11);
		assertThat(recordedNodes(states.resolve("fan_fan-crash.json"))).extracting((node) -> node.path("name").asString())
			.filteredOn("lower"::equals)
			.hasSize(10);
	}

	@Test
	void aForkAfterAQueuedBatchReplaysItsEndedChildrenWithoutSendingThemAgain(@TempDir Path states) throws Exception {
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(2));
		DurableFlow<String> flow = durability.register(pipeline(ExecutorConfig.builder().stateDirectory(states).build()));
		durability.launch();
		assertThat(flow.invoke("pipe-1", words(3))).isEqualTo("w0!,w1!,w2!");

		// 0.0 to 0.2 are the queued children, 0.3 the call after the batch.
		String fork = durability.runs().fork("pipe-1", "0.3", "pipe-fork");

		assertThat(flow.result(fork)).isEqualTo("w0!,w1!,w2!");
		assertThat(this.shouts).as("no child sent again").hasValue(3);
		assertThat(children(durability.dbos(), fork)).isEmpty();
		// The fork's record still has each child's calls, read from the children of the run it was forked from.
		List<JsonNode> nodes = recordedNodes(states.resolve("pipe_pipe-fork.json"));
		assertThat(nodes).filteredOn((node) -> node.path("name").asString().equals("shout"))
			.hasSize(3)
			.allSatisfy((node) -> assertThat(internals(node).path(DurableCalls.REPLAYED_DETAIL).asBoolean()).isTrue());
		assertThat(nodes).filteredOn((node) -> node.path("name").asString().equals("lower")).hasSize(4);
		// The runs listed are the flow's, never the queued children's workflows.
		assertThat(durability.runs().list(DurableRunQuery.all())).extracting(DurableRunInfo::id)
			.containsExactlyInAnyOrder("pipe-1", "pipe-fork");
	}

	@Test
	void aForkFromAQueuedCallSendsThatChildAgainAndReplaysTheChildrenThatEndedBeforeIt() throws Exception {
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(1));
		DurableFlow<String> flow = durability.register(pipeline(TestConfigs.NO_SAVE));
		durability.launch();
		flow.invoke("pipe-2", words(3));
		// The child whose outcome was recorded last: the others ended before it.
		DurableRunStep last = durability.runs().steps("pipe-2").stream()
			.filter((step) -> step.node().equals("shout"))
			.max(Comparator.comparingInt(DurableRunStep::stepNumber))
			.orElseThrow();
		this.shoutedWords.clear();

		String fork = durability.runs().fork("pipe-2", last.position(), "pipe-2-fork");

		assertThat(flow.result(fork)).isEqualTo("w0!,w1!,w2!");
		assertThat(this.shoutedWords).as("only the fork point's child ran again").hasSize(1);
		assertThat(children(durability.dbos(), fork)).extracting(WorkflowStatus::workflowId)
			.containsExactly(fork + "/" + last.position());
	}

	@Test
	void aCancelledRunResumedSendsItsCancelledChildrenAgainAndReplaysTheEndedOnes() throws Exception {
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(1));
		DurableFlow<List<String>> flow = durability.register(fan(TestConfigs.NO_SAVE));
		durability.launch();
		CountDownLatch secondStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.whileShouting = (word) -> {
			if (this.shouts.get() == 2) {
				secondStarted.countDown();
				await(release);
			}
		};
		Thread caller = new Thread(() -> assertThatThrownBy(() -> flow.invoke("fan-resumed", words(5))).isNotNull());
		caller.start();
		assertThat(secondStarted.await(30, TimeUnit.SECONDS)).as("the second child started").isTrue();
		durability.runs().cancel("fan-resumed");
		caller.join(30_000);
		this.whileShouting = (word) -> {
		};
		release.countDown();
		this.shoutedWords.clear();

		durability.runs().resume("fan-resumed");

		assertThat(flow.result("fan-resumed")).isEqualTo(shouted(words(5)));
		assertThat(this.shoutedWords).as("the children cancelled before they ended run again, the first does not")
			.hasSize(4);
	}

	@Test
	void anotherExecutorRecoversARunAndItsPendingChildrenWithoutRunningTheEndedOnesAgain() throws Exception {
		DurableQueue queue = DurableQueue.named("llm").concurrency(1);
		Durability gone = instance("queues-gone", queue);
		DurableFlow<List<String>> flow = gone.register(fan(TestConfigs.NO_SAVE));
		gone.launch();
		crashWhileTheLastChildRuns(gone, flow, "fan-gone", 5);
		Durability rescuer = instance("queues-rescuer", queue);
		DurableFlow<List<String>> recovered = rescuer.register(fan(TestConfigs.NO_SAVE));
		rescuer.launch();

		assertThat(rescuer.runs().recover("queues-gone")).contains("fan-gone", "fan-gone/0.4");

		assertThat(recovered.result("fan-gone")).isEqualTo(shouted(words(5)));
		assertThat(this.shouts).as("five children, the one running at the crash twice").hasValue(6);
		assertThat(children(rescuer.dbos(), "fan-gone")).extracting(WorkflowStatus::status)
			.containsOnly(WorkflowState.SUCCESS);
	}

	@Test
	void aFailedChildFailsTheBatchAsCallBatchDoesAndIsAnOutcomeWithCallBatchOutcomes() {
		FunctionNode<List<String>> outcomes = FunctionNode.of("outcomes", (List<String> all) -> {
			List<String> described = new ArrayList<>();
			for (Outcome<String> outcome : DurableQueue.callBatchOutcomes("llm", this.shout, all)) {
				described.add((outcome instanceof Outcome.Failed<String> failed)
						? "failed: " + failed.exception().getMessage()
						: "ok: " + ((Outcome.Succeeded<String>) outcome).value());
			}
			return described;
		});
		Durability durability = instance("queues-1", DurableQueue.named("llm").concurrency(2));
		DurableFlow<List<String>> flow = durability.register(fan(TestConfigs.NO_SAVE));
		DurableFlow<List<String>> listed = durability
			.register(Flow.builder("listed", outcomes).config(TestConfigs.NO_SAVE).build());
		durability.launch();
		this.whileShouting = (word) -> {
			if (word.startsWith("bad")) {
				throw new IllegalArgumentException("cannot shout " + word);
			}
		};

		assertThatThrownBy(() -> flow.invoke("fan-failing", List.of("a", "bad1", "b", "bad2")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("cannot shout bad1");
		assertThat(this.shouts).as("every child ran, once").hasValue(4);
		assertThat(listed.invoke("listed-1", List.of("a", "bad3"))).containsExactly("ok: A!",
				"failed: cannot shout bad3");
	}

	@Test
	void outsideADurableRunABatchThroughAQueueIsAPlainBatch() {
		assertThat(fan(TestConfigs.NO_SAVE).invoke(List.of("a", "b"))).containsExactly("A!", "B!");
	}

	@Test
	void aBatchThroughAQueueThatIsNotDeclaredFailsNamingItAndRunsNothing() {
		DBOS dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "queues-1");
		this.instances.add(dbos);
		Durability durability = Durability.on(dbos).registerNode(this.shout);
		DurableFlow<List<String>> flow = durability.register(fan(TestConfigs.NO_SAVE));
		durability.launch();

		assertThatThrownBy(() -> flow.invoke("fan-2", List.of("a")))
			.hasMessageContaining("Durable queue 'llm' is not declared");
		assertThat(this.shouts).hasValue(0);
	}

	@Test
	void aNodeNotRegisteredForQueuesFailsNamingIt() {
		DBOS dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "queues-1");
		this.instances.add(dbos);
		Durability durability = Durability.on(dbos).queue(DurableQueue.named("llm"));
		DurableFlow<List<String>> flow = durability.register(fan(TestConfigs.NO_SAVE));
		durability.launch();

		assertThatThrownBy(() -> flow.invoke("fan-3", List.of("a")))
			.hasMessageContaining("Node 'shout' is sent through durable queue 'llm' but is not registered");
	}

	@Test
	void aQueueDeclaresOnlySensibleLimits() {
		assertThatThrownBy(() -> DurableQueue.named("llm").concurrency(0)).hasMessageContaining("at least 1, but was 0");
		assertThatThrownBy(() -> DurableQueue.named("llm").rateLimit(5, Duration.ZERO))
			.hasMessageContaining("must be positive, but was PT0S");
		assertThatThrownBy(() -> DurableQueue.named("no spaces")).hasMessageContaining("'no spaces'");
		assertThatThrownBy(() -> instance("queues-1", DurableQueue.named("llm").concurrency(2).workerConcurrency(3)))
			.hasMessageContaining("worker concurrency (3) of durable queue 'llm' must not exceed its concurrency (2)");
	}

	/** A DBOS instance with the queue declared and {@code shout} registered, not launched. */
	private Durability instance(String executorId, DurableQueue queue) {
		DBOS dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), executorId);
		this.instances.add(dbos);
		return Durability.on(dbos).queue(queue.pollingInterval(FAST_POLLING)).registerNode(this.shout, TestConfigs.NO_SAVE);
	}

	/**
	 * Invokes the fan-out of as many words as {@code children} and shuts its instance's DBOS down, as a crash would,
	 * while the last child runs: with a queue of concurrency 1, every other child has ended.
	 */
	private void crashWhileTheLastChildRuns(Durability durability, DurableFlow<List<String>> flow, String key,
			int children) throws InterruptedException {
		String last = "w" + (children - 1);
		CountDownLatch lastStarted = new CountDownLatch(1);
		this.whileShouting = (word) -> {
			if (word.equals(last)) {
				lastStarted.countDown();
				await(this.crashed);
			}
		};
		Thread caller = new Thread(() -> {
			try {
				flow.invoke(key, words(children));
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		assertThat(lastStarted.await(30, TimeUnit.SECONDS)).as("the last child started").isTrue();
		durability.dbos().shutdown();
		caller.join(30_000);
		this.whileShouting = (word) -> {
		};
	}

	/** A batch through the queue, then a call with its results: the batch's calls are at 0.0 to 0.n-1. */
	private Flow<String> pipeline(ExecutorConfig config) {
		FunctionNode<String> pipe = FunctionNode.of("pipe", (List<String> all) -> Railtracks.call(this.lower,
				String.join(",", DurableQueue.callBatch("llm", this.shout, all))));
		return Flow.builder("pipe", pipe).config(config).build();
	}

	private Flow<List<String>> fan(ExecutorConfig config) {
		return Flow.builder("fan", this.fanOut).config(config).build();
	}

	private static List<String> words(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "w" + i).toList();
	}

	private static List<String> shouted(List<String> words) {
		return words.stream().map((word) -> word.toUpperCase() + "!").toList();
	}

	private static List<WorkflowStatus> children(DBOS dbos, String parent) {
		return dbos.listWorkflows(new ListWorkflowsInput().withParentWorkflowId(List.of(parent)));
	}

	private static List<JsonNode> recordedNodes(Path saved) throws Exception {
		List<JsonNode> nodes = new ArrayList<>();
		for (JsonNode run : JsonMapper.shared().readTree(Files.readString(saved)).path("runs")) {
			run.path("nodes").forEach(nodes::add);
		}
		return nodes;
	}

	private static JsonNode internals(JsonNode node) {
		return node.path("details").path("internals");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
