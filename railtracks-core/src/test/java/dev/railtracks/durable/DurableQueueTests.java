package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.dbos.transact.DBOS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.TestConfigs;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.testing.PostgresTestDatabase;

/** Batches sent through durable queues, on DBOS and a real PostgreSQL database (started by {@code .ci/postgres}). */
class DurableQueueTests {

	private PostgresTestDatabase database;

	private final List<DBOS> instances = new ArrayList<>();

	private final AtomicInteger words = new AtomicInteger();

	/** Counts its executions, and calls another node, so that a child's own calls are in the record too. */
	private final FunctionNode<String> lower = FunctionNode.of("lower", (String word) -> word.toLowerCase());

	private final FunctionNode<String> shout = FunctionNode.of("shout", (String word) -> {
		this.words.incrementAndGet();
		return Railtracks.call(this.lower, word).toUpperCase() + "!";
	});

	private final FunctionNode<List<String>> fanOut = FunctionNode.of("fanOut",
			(List<String> all) -> DurableQueue.callBatch("llm", this.shout, all));

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("queues");
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(DBOS::shutdown);
		this.database.close();
	}

	private Durability instance(String executorId) {
		DBOS dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), executorId);
		this.instances.add(dbos);
		return Durability.on(dbos);
	}

	@Test
	void aBatchThroughAQueueReturnsEveryResultInInputOrderAndRecordsEveryChildsCalls() {
		Durability durability = instance("queues-1")
			.queue(DurableQueue.named("llm").concurrency(4).pollingInterval(Duration.ofMillis(50)))
			.registerNode(this.shout, TestConfigs.NO_SAVE);
		DurableFlow<List<String>> flow = durability.register(Flow.builder("fan", this.fanOut)
			.config(TestConfigs.NO_SAVE).build());
		durability.launch();
		List<String> inputs = IntStream.range(0, 20).mapToObj((i) -> "w" + i).toList();

		assertThat(flow.invoke("fan-1", inputs)).isEqualTo(inputs.stream().map((w) -> w.toUpperCase() + "!").toList());
		assertThat(this.words).hasValue(20);
		// Every child ran once, as a child workflow of the run on the queue.
		assertThat(durability.dbos().listWorkflows(new dev.dbos.transact.workflow.ListWorkflowsInput()
			.withParentWorkflowId(List.of("fan-1")))).hasSize(20)
			.allSatisfy((child) -> assertThat(child.queueName()).isEqualTo("llm"));
	}

	@Test
	void outsideADurableRunABatchThroughAQueueIsAPlainBatch() {
		List<String> shouted = Flow.builder("plain", this.fanOut).config(TestConfigs.NO_SAVE).build()
			.invoke(List.of("a", "b"));

		assertThat(shouted).containsExactly("A!", "B!");
	}

	@Test
	void aBatchThroughAQueueThatIsNotDeclaredFailsNamingIt() {
		Durability durability = instance("queues-1").registerNode(this.shout);
		DurableFlow<List<String>> flow = durability.register(Flow.builder("fan", this.fanOut)
			.config(TestConfigs.NO_SAVE).build());
		durability.launch();

		assertThatThrownBy(() -> flow.invoke("fan-2", List.of("a"))).hasMessageContaining("Durable queue 'llm' is not declared");
		assertThat(this.words).hasValue(0);
	}

}
