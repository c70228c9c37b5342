package dev.railtracks.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dbos.transact.workflow.WorkflowStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;

/**
 * How long an instance takes to finish a run that a crash left unfinished: before each iteration a run makes
 * {@code n} checkpointed calls, then blocks in its last call, and its DBOS instance is shut down under it (a crash, as
 * the tests make one: the run is pending in PostgreSQL); the measured operation is a new instance with the same
 * executor id being created and launched ({@link Durability#launch()}, which recovers the run) and the run's result
 * awaited: the {@code n} calls replayed from their checkpoints, the last one run. One operation per iteration. The
 * difference between {@code n = 100} and {@code n = 0} is the replay of 100 calls; the rest is DBOS's start.
 *
 * <p>Needs the PostgreSQL of {@code .ci/postgres} (or {@code RAILTRACKS_TEST_POSTGRES_URL}); each trial creates a
 * database of its own there and drops it afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class DurableRecoveryBenchmark {

	/** Checkpointed calls the run made before the crash (0: the cost of launching and of the run itself). */
	@Param({ "0", "100" })
	public int n;

	private DurableTrial trial;

	/** Whether the last call blocks, as the call running at the crash. */
	private volatile boolean crashing;

	private volatile CountDownLatch lastStarted = new CountDownLatch(1);

	private final CountDownLatch never = new CountDownLatch(1);

	private final FunctionNode<Integer> last = FunctionNode.of("last", (Integer count) -> {
		if (this.crashing) {
			this.lastStarted.countDown();
			this.never.await();
		}
		return count + 1;
	});

	private final FunctionNode<Integer> run = FunctionNode.of("run",
			(Integer length) -> Railtracks.call(this.last, Railtracks.call(BenchmarkNodes.CHAIN, length)));

	private String key;

	private Durability recovering;

	@Setup(Level.Trial)
	public void createDatabase() {
		this.trial = new DurableTrial();
	}

	@TearDown(Level.Trial)
	public void dropDatabase() {
		this.never.countDown();
		this.trial.close();
	}

	/** Leaves a run unfinished: its {@code n} calls checkpointed, its last call running when its instance stops. */
	@Setup(Level.Iteration)
	public void crashARun() throws InterruptedException {
		this.crashing = true;
		this.lastStarted = new CountDownLatch(1);
		this.key = DurableFlow.newKey();
		Durability crashed = this.trial.durability("bench-1");
		DurableFlow<Integer> flow = crashed.register(flow());
		crashed.launch();
		Thread caller = new Thread(() -> {
			try {
				flow.invoke(this.key, this.n);
			}
			catch (RuntimeException expected) {
				// The shutdown ends the caller's wait.
			}
		});
		caller.start();
		if (!this.lastStarted.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The run did not reach its last call");
		}
		crashed.dbos().shutdown();
		caller.join(60_000);
		this.crashing = false;
	}

	@TearDown(Level.Iteration)
	public void stopRecoveringInstance() {
		this.recovering.dbos().shutdown();
	}

	/**
	 * A new instance launched, the crashed run recovered and its result read. Its end is watched every millisecond,
	 * not awaited with {@link DurableFlow#result}, whose wait polls once a second.
	 */
	@Benchmark
	public int recover() throws InterruptedException {
		this.recovering = this.trial.durability("bench-1");
		DurableFlow<Integer> flow = this.recovering.register(flow());
		this.recovering.launch();
		while (this.recovering.dbos().getWorkflowStatus(this.key).map(WorkflowStatus::status).orElseThrow()
				.isActive()) {
			Thread.sleep(1);
		}
		return flow.result(this.key);
	}

	private Flow<Integer> flow() {
		return Flow.builder("recovered", this.run).config(BenchmarkNodes.CONFIG).build();
	}

}
