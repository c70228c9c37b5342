package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.callBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A batch records each child when a worker claims it; a run ended mid-batch (timeout, cancel, fail-fast, the session's
 * close) still records every child nobody claimed, with its arguments and in input order, before the run's caller is
 * released and before the session saves. The batch's first children block and ignore interrupts, and the strategy
 * gives the run three threads, so every worker is stuck and only whoever ends the run can record the rest.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchEndedMidwayTests {

	private static final int WIDTH = 10_000;

	/** The top-level node's thread and two scouts: the batch's workers, each stuck in one of the first children. */
	private static final int THREADS = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CountDownLatch stuck = new CountDownLatch(THREADS);

	private final CountDownLatch release = new CountDownLatch(1);

	@TempDir
	Path directory;

	/** Child {@code i}: the first {@value #THREADS} block until the test ends, whatever interrupts them. */
	private final FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> {
		if (i < THREADS) {
			this.stuck.countDown();
			awaitIgnoringInterrupts(this.release);
		}
		return i;
	});

	private final FunctionNode<Integer> parent = FunctionNode.of("parent",
			() -> callBatch(this.child, IntStream.range(0, WIDTH).boxed().toList()).size());

	@AfterEach
	void releaseTheStuckChildren() {
		this.release.countDown();
	}

	/**
	 * The timeout is long enough for the parent to create its children and open the batch on a loaded machine (that
	 * takes milliseconds); the test waits until every worker is stuck, and the timeout then ends the run.
	 */
	@Test
	void aRunThatTimesOutMidBatchRecordsEveryChildBeforeItsCallerIsReleased() throws Exception {
		try (Session session = new Session(config(Duration.ofSeconds(3)).build())) {
			CompletableFuture<ExecutionInfo> run = session.run(this.parent);
			this.stuck.await();
			AtomicReference<ExecutionInfo> whenReleased = new AtomicReference<>();
			CompletableFuture<?> released = run.whenComplete((info, error) -> whenReleased.set(session.info()));
			assertThat(released).failsWithin(Duration.ofSeconds(30))
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(GlobalTimeoutException.class);
			assertEveryChildRecordedAsEnded(whenReleased.get(), GlobalTimeoutException.class);
		}
	}

	/**
	 * A run that ends while its node is still creating a batch's children: the batch is refused, as any call from an
	 * ended run is, and records nothing after the run's caller was released with the run's record.
	 */
	@Test
	void aBatchWhoseRunEndedWhileItsChildrenWereCreatedRecordsNothing() throws Exception {
		CountDownLatch creating = new CountDownLatch(1);
		CountDownLatch created = new CountDownLatch(1);
		CountDownLatch parentDone = new CountDownLatch(1);
		AtomicReference<Throwable> batchFailure = new AtomicReference<>();
		NodeDefinition<Integer> slowlyCreated = new NodeDefinition<>() {

			@Override
			public String name() {
				return "child";
			}

			@Override
			public Node<Integer> create(Object... args) {
				if (args[0].equals(1)) {
					creating.countDown();
					awaitIgnoringInterrupts(created);
				}
				return BatchEndedMidwayTests.this.child.create(args);
			}

		};
		FunctionNode<Integer> creatingParent = FunctionNode.of("parent", () -> {
			try {
				return callBatch(slowlyCreated, List.of(0, 1, 2)).size();
			}
			catch (RuntimeException ex) {
				batchFailure.set(ex);
				throw ex;
			}
			finally {
				parentDone.countDown();
			}
		});
		try (Session session = new Session(config(Duration.ofSeconds(50)).build())) {
			CompletableFuture<ExecutionInfo> run = session.run(creatingParent);
			creating.await();
			String topLevel = session.info().insertionRequests().get(0).sinkId();
			assertThat(session.cancel(topLevel)).isTrue();
			assertThat(run).failsWithin(Duration.ofSeconds(10));
			int recordedWhenReleased = session.info().requestForest().heads().size();
			created.countDown();
			parentDone.await();
			ExecutionInfo info = session.info();
			assertThat(info.requestForest().heads()).hasSize(recordedWhenReleased);
			assertThat(info.requestForest().heads().values()).noneMatch((request) -> request.sinkName().equals("child"));
			assertThat(batchFailure.get()).isInstanceOf(CancellationException.class);
		}
	}

	@Test
	void aRunCancelledMidBatchRecordsEveryChildBeforeItsCallerIsReleased() throws Exception {
		try (Session session = new Session(config(Duration.ofSeconds(50)).build())) {
			CompletableFuture<ExecutionInfo> run = session.run(this.parent);
			this.stuck.await();
			String topLevel = session.info().insertionRequests().get(0).sinkId();
			AtomicReference<ExecutionInfo> whenReleased = new AtomicReference<>();
			CompletableFuture<?> released = run.whenComplete((info, error) -> whenReleased.set(session.info()));
			assertThat(session.cancel(topLevel)).isTrue();
			assertThat(released).failsWithin(Duration.ofSeconds(10));
			assertEveryChildRecordedAsEnded(whenReleased.get(), CancellationException.class);
		}
	}

	@Test
	void aRunEndedByAFatalFailureMidBatchRecordsEveryChildBeforeItsCallerIsReleased() {
		FunctionNode<String> failing = FunctionNode.of("failing", () -> {
			// Once every worker is stuck in the batch.
			this.stuck.await();
			throw new FatalException("stop everything");
		});
		FunctionNode<Integer> parentAndFailure = FunctionNode.of("parent", () -> {
			CompletableFuture<String> failure = Railtracks.callAsync(failing);
			int size = callBatch(this.child, IntStream.range(0, WIDTH).boxed().toList()).size();
			failure.join();
			return size;
		});
		// One more thread for the failing node.
		try (Session session = new Session(config(Duration.ofSeconds(50), THREADS + 1).build())) {
			assertThatExceptionOfType(FatalException.class).isThrownBy(() -> session.runSync(parentAndFailure));
			assertEveryChildRecordedAsEnded(session.info(), FatalException.class);
		}
	}

	@Test
	void aSessionClosedMidBatchSavesEveryChild() throws Exception {
		Session session = new Session(config(Duration.ofSeconds(50)).saveState(true).stateDirectory(this.directory)
			.build());
		session.run(this.parent);
		this.stuck.await();
		session.close();
		assertEveryChildRecordedAsEnded(session.info(), RailtracksException.class);
		JsonNode saved;
		try (Stream<Path> files = Files.list(this.directory)) {
			saved = JSON.readTree(files.findFirst().orElseThrow().toFile());
		}
		List<JsonNode> edges = saved.get("runs").get(0).get("edges").valueStream().toList();
		// The top-level request's edge, then the children in input order.
		assertThat(edges).hasSize(WIDTH + 1).allSatisfy((edge) -> assertThat(edge.get("details").get("status").asString())
			.isEqualTo("Failed"));
		assertThat(edges.subList(1, WIDTH + 1)).extracting((edge) -> edge.get("details").get("input_args").get(0).asInt())
			.containsExactlyElementsOf(IntStream.range(0, WIDTH).boxed().toList());
	}

	/**
	 * Every child is in the record, in input order with its argument, and ended with the run: the stuck ones as
	 * running requests are, the others without having run.
	 */
	private static void assertEveryChildRecordedAsEnded(ExecutionInfo info, Class<? extends Throwable> cause) {
		String parentId = info.nodeForest().heads().values().stream()
			.filter((node) -> node.name().equals("parent"))
			.findFirst()
			.orElseThrow()
			.identifier();
		List<RequestTemplate> children = info.requestForest().children(parentId).stream()
			.filter((request) -> request.sinkName().equals("child"))
			.toList();
		assertThat(children).hasSize(WIDTH);
		assertThat(children).extracting((request) -> request.inputArgs().get(0))
			.containsExactlyElementsOf(IntStream.range(0, WIDTH).boxed().toList());
		assertThat(children).allSatisfy((request) -> {
			assertThat(request.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(((Failure) request.output()).exception()).isInstanceOf(cause);
		});
	}

	private ExecutorConfig.Builder config(Duration timeout) {
		return config(timeout, THREADS);
	}

	/** No saving, and a strategy that refuses a thread past {@code threads} running at once. */
	private static ExecutorConfig.Builder config(Duration timeout, int threads) {
		Semaphore free = new Semaphore(threads);
		ExecutionStrategy few = ExecutionStrategy.of("at most " + threads + " threads", (task) -> {
			if (!free.tryAcquire()) {
				throw new RejectedExecutionException("no thread left");
			}
			Thread thread = new Thread(() -> {
				try {
					task.run();
				}
				finally {
					free.release();
				}
			});
			thread.setDaemon(true);
			thread.start();
		});
		return TestConfigs.noSave().timeout(timeout).executionStrategy(few);
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ex) {
				// Stuck on purpose: the run's end must not depend on these threads.
			}
		}
	}

}
