package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link GlobalTimeoutException}: the session's global timeout ({@link ExecutorConfig#timeout()}).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TimeoutTests {

	static final Duration SHORT = Duration.ofMillis(200);

	static final ExecutorConfig SHORT_TIMEOUT = noSave().timeout(SHORT).build();

	@Test
	@Timeout(value = 4, unit = TimeUnit.SECONDS)
	void aSlowNodeFailsTheRunWithGlobalTimeoutExceptionAndIsInterrupted() throws InterruptedException {
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(interrupted));
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(sleeper))
				.withMessageContaining("0.2")
				.withMessageContaining("timed out")
				.satisfies((ex) -> assertThat(ex.timeout()).isEqualTo(SHORT));
			assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
			RequestTemplate top = session.info().insertionRequests().get(0);
			assertThat(top.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(top.output()).isInstanceOfSatisfying(Failure.class,
					(failure) -> assertThat(failure.exception()).isInstanceOf(GlobalTimeoutException.class));
		}
	}

	@Test
	@Timeout(value = 8, unit = TimeUnit.SECONDS)
	void everyRunningNodeOfTheRunIsInterruptedAndRecordedAsFailed() throws InterruptedException {
		CountDownLatch allSleeping = new CountDownLatch(6);
		CountDownLatch interrupted = new CountDownLatch(6);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", (Integer i) -> {
			allSleeping.countDown();
			return sleepFiveSeconds(interrupted);
		});
		// Sleepers run asynchronously (0, 2), inline on their caller's thread (1) and in a batch (3, 4, 5).
		FunctionNode<String> middle = FunctionNode.of("middle", () -> {
			CompletableFuture<String> async = callAsync(sleeper, 2);
			return call(sleeper, 1) + async.join();
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			CompletableFuture<String> async = callAsync(sleeper, 0);
			return call(middle) + async.join();
		});
		FunctionNode<List<String>> batchParent = FunctionNode.of("batchParent",
				() -> callBatch(sleeper, List.of(3, 4, 5)));
		FunctionNode<String> top = FunctionNode.of("top", () -> {
			CompletableFuture<String> first = callAsync(parent);
			CompletableFuture<List<String>> second = callAsync(batchParent);
			return first.join() + second.join();
		});
		// Long enough for every sleeper to start on a busy machine, far below the five seconds they sleep.
		ExecutorConfig config = SHORT_TIMEOUT.toBuilder().timeout(Duration.ofSeconds(2)).build();
		try (Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(top));
			assertThat(allSleeping.getCount()).as("sleepers that had not started").isZero();
			assertThat(interrupted.await(2, TimeUnit.SECONDS)).as("every sleeper was interrupted").isTrue();
			ExecutionInfo info = session.info();
			assertThat(info.requestForest().heads().values()).hasSize(10)
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.FAILED));
		}
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void aTimeoutInterruptsTheLeafOfADeepRecursionAcrossThreadHops() throws InterruptedException {
		CountDownLatch interrupted = new CountDownLatch(1);
		DeepSleeper.interrupted = interrupted;
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(DeepSleeper.class, 500));
			assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(session.info().requestForest().heads().values()).hasSize(501)
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.FAILED));
		}
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.SECONDS)
	void runCompletesExceptionallyWithGlobalTimeoutException() {
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(interrupted));
		try (Session session = new Session(SHORT_TIMEOUT)) {
			CompletableFuture<ExecutionInfo> running = session.run(sleeper);
			assertThatThrownBy(() -> running.get(3, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(GlobalTimeoutException.class);
		}
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.SECONDS)
	void aTimedOutRunStartsNoNewNodes() throws InterruptedException {
		AtomicInteger started = new AtomicInteger();
		FunctionNode<String> child = FunctionNode.of("child", () -> "started " + started.incrementAndGet());
		CountDownLatch parentEnded = new CountDownLatch(1);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				// Ignore the interrupt and try to go on.
			}
			try {
				return call(child);
			}
			finally {
				parentEnded.countDown();
			}
		});
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(parent));
			assertThat(parentEnded.await(2, TimeUnit.SECONDS)).isTrue();
			assertThat(started).hasValue(0);
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aSlowCallbackOnATimedOutRunDoesNotHoldUpTheTimeoutsOfOtherSessions() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(2);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(interrupted));
		CountDownLatch secondTimedOut = new CountDownLatch(1);
		try (Session first = new Session(SHORT_TIMEOUT); Session second = new Session(SHORT_TIMEOUT)) {
			// The first run's callback waits until the second run has timed out.
			CompletableFuture<Boolean> callback = first.run(sleeper)
				.handle((info, error) -> awaitQuietly(secondTimedOut));
			CompletableFuture<ExecutionInfo> other = second.run(sleeper);
			other.whenComplete((info, error) -> {
				if (error instanceof CompletionException wrapped && wrapped.getCause() instanceof GlobalTimeoutException) {
					secondTimedOut.countDown();
				}
			});
			assertThat(callback.get(20, TimeUnit.SECONDS)).as("the second session timed out meanwhile").isTrue();
			assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(GlobalTimeoutException.class);
		}
	}

	@Test
	void aTimeoutExceptionThrownByANodeSurfacesAsItselfNotAsGlobalTimeoutException() {
		TimeoutException own = new TimeoutException("Internal timeout");
		FunctionNode<String> thrower = FunctionNode.of("thrower", () -> {
			throw own;
		});
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(NodeInvocationException.class).isThrownBy(() -> session.runSync(thrower))
				.isNotInstanceOf(GlobalTimeoutException.class)
				.withMessageContaining("thrower")
				.havingCause()
				.isSameAs(own);
		}
	}

	@Test
	void theSessionCanRunAgainAfterATimeout() {
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(interrupted));
		FunctionNode<String> quick = FunctionNode.of("quick", () -> "quick");
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(sleeper));
			assertThat(call(quick)).isEqualTo("quick");
		}
	}

	@Test
	void noTimeoutLetsANodeRunLongerThanAShortTimeoutWould() {
		FunctionNode<String> slow = FunctionNode.of("slow", () -> {
			Thread.sleep(400);
			return "done";
		});
		ExecutorConfig unlimited = SHORT_TIMEOUT.toBuilder().noTimeout().build();
		assertThat(unlimited.timeout()).isNull();
		try (Session session = new Session(unlimited)) {
			assertThat(session.runSync(slow).answer()).isEqualTo("done");
		}
		try (Session session = new Session(SHORT_TIMEOUT)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(slow));
		}
	}

	@Test
	void theMessageAndTheLogLineNameTheBuilderMethodThatSetTheTimeout(@TempDir Path directory) throws IOException {
		Path logFile = directory.resolve("session.log");
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(new CountDownLatch(1)));
		try (Session session = new Session(SHORT_TIMEOUT.toBuilder().logFile(logFile).build())) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(sleeper))
				.withMessage("Execution timed out after 0.2 seconds; running nodes were interrupted and their results "
						+ "will be dropped. Raise ExecutorConfig.Builder.timeout(Duration) or make the nodes faster.");
		}
		assertThat(Files.readString(logFile)).contains("sleeper ENDED: Execution timed out after 0.2 seconds; "
				+ "running nodes were interrupted and their results will be dropped. Raise "
				+ "ExecutorConfig.Builder.timeout(Duration) or make the nodes faster.");
	}

	@Test
	void aFlowsTimeoutNamesTheFlowBuildersMethodOrTheSettingItWasGiven() {
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> sleepFiveSeconds(new CountDownLatch(1)));
		Flow<String> flow = Flow.builder("sleepy", sleeper).saveState(false).timeout(SHORT).build();
		assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(flow::invoke)
			.withMessageContaining("Raise Flow.Builder.timeout(Duration) or make the nodes faster.");
		Flow<String> configured = Flow.builder("sleepy", sleeper).saveState(false)
			.timeout(SHORT, "railtracks.flows.sleepy.timeout")
			.build();
		assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(configured::invoke)
			.withMessageContaining("Raise railtracks.flows.sleepy.timeout or make the nodes faster.");
	}

	@Test
	void theTimeoutInSecondsIsAPlainNumber() {
		assertThat(new GlobalTimeoutException(Duration.ofSeconds(20)).timeoutSeconds()).hasToString("20");
		assertThat(new GlobalTimeoutException(Duration.ofMillis(300)).timeoutSeconds()).hasToString("0.3");
		assertThat(new GlobalTimeoutException(Duration.ofMillis(1500)).timeoutSeconds()).hasToString("1.5");
		assertThat(new GlobalTimeoutException(Duration.ofMinutes(10), "railtracks.timeout"))
			.hasMessageStartingWith("Execution timed out after 600 seconds;")
			.hasMessageEndingWith("Raise railtracks.timeout or make the nodes faster.");
	}

	@Test
	void aZeroOrNegativeTimeoutIsRefused() {
		assertThatThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("timeout");
		assertThatThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("PT-1S");
	}

	/** Calls itself synchronously down to depth 0, where it sleeps; deeper than one thread's inline limit. */
	static class DeepSleeper extends Node<String> {

		static volatile CountDownLatch interrupted;

		private final int depth;

		DeepSleeper(int depth) {
			this.depth = depth;
		}

		@Override
		public String invoke() {
			return (this.depth == 0) ? sleepFiveSeconds(interrupted) : call(DeepSleeper.class, this.depth - 1);
		}

	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String sleepFiveSeconds(CountDownLatch interrupted) {
		try {
			Thread.sleep(5_000);
			return "slept";
		}
		catch (InterruptedException ex) {
			interrupted.countDown();
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
