package dev.railtracks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.pubsub.FatalFailure;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests for cancelling requests and runs: {@code RTState.cancel}, cancelled futures, closing a session with work
 * still running, and what subscribers are told.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancellationTests {

	@Test
	void cancellingAnAsynchronousChildReleasesItsCallerAtOnceAndTellsSubscribers() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<String> childId = new AtomicReference<>();
		FunctionNode<String> slow = FunctionNode.of("slow", () -> {
			started.countDown();
			release.await();
			return "late";
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return callAsync(slow).join();
			}
			catch (CancellationException ex) {
				return "released by " + ex.getClass().getSimpleName();
			}
		});
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(NO_SAVE)) {
			session.publisher().subscribe(messages::add, "test");
			CompletableFuture<ExecutionInfo> run = session.run(parent);
			started.await();
			session.info().nodeForest().heads().values().stream()
				.filter((node) -> node.name().equals("slow"))
				.forEach((node) -> childId.set(node.identifier()));
			assertThat(session.cancel(childId.get())).isTrue();
			ExecutionInfo info = run.get(10, TimeUnit.SECONDS);
			assertThat(info.answer()).isEqualTo("released by CancellationException");
			release.countDown();
		}
		assertThat(messages).filteredOn(RequestFailure.class::isInstance)
			.singleElement()
			.satisfies((message) -> assertThat(((RequestFailure) message).error()).isInstanceOf(CancellationException.class));
		// The node's own late result is not published for a request recorded as cancelled.
		assertThat(messages).filteredOn(RequestSuccess.class::isInstance)
			.extracting(RequestCompletionMessage::nodeName)
			.containsExactly("parent");
	}

	@Test
	void cancelTakesANodeIdAsTheRecordWritesItAndSaysWhenTheNodeHadFinished() {
		FunctionNode<String> leaf = FunctionNode.of("leaf", () -> "leaf");
		try (Session session = new Session(NO_SAVE)) {
			String leafId = session.runSync(leaf).insertionRequests().get(0).sinkId();
			// Finished: nothing to cancel, but the node is known.
			assertThat(session.cancel(leafId)).isFalse();
			// Other spellings UUID.fromString accepts are not ids of this session.
			assertThatThrownBy(() -> session.cancel(leafId.toUpperCase())).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("No node");
			assertThatThrownBy(() -> session.cancel("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> session.cancel("not an id")).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void aCancelledNodeCanMakeNoFurtherCalls() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		AtomicReference<Throwable> refused = new AtomicReference<>();
		FunctionNode<String> leaf = FunctionNode.of("leaf", () -> "leaf");
		FunctionNode<String> worker = FunctionNode.of("worker", () -> {
			started.countDown();
			cancelled.await();
			try {
				return call(leaf);
			}
			catch (CancellationException ex) {
				refused.set(ex);
				throw ex;
			}
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			CompletableFuture<String> child = callAsync(worker);
			child.exceptionally((error) -> "cancelled").join();
			return "parent done";
		});
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<ExecutionInfo> run = session.run(parent);
			started.await();
			String workerId = session.info().nodeForest().heads().values().stream()
				.filter((node) -> node.name().equals("worker"))
				.findFirst()
				.orElseThrow()
				.identifier();
			session.cancel(workerId);
			cancelled.countDown();
			ExecutionInfo info = run.get(10, TimeUnit.SECONDS);
			assertThat(info.answer()).isEqualTo("parent done");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refused.get()).isNotNull());
			assertThat(session.info().nodeForest().heads().values()).extracting((node) -> node.name())
				.doesNotContain("leaf");
		}
	}

	@Test
	void cancellingTheFutureOfARunCancelsTheRun() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> sleeper = TestNodes.blockingUntilInterrupted("sleeper", started, interrupted);
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<ExecutionInfo> run = session.run(sleeper);
			started.await();
			assertThat(run.cancel(true)).isTrue();
			assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void closingTheSessionCancelsAsynchronousChildrenLeftRunningByTheirParent() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> straggler = TestNodes.blockingUntilInterrupted("straggler", started, interrupted);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			callAsync(straggler);
			return "returned without waiting";
		});
		Session session = new Session(NO_SAVE);
		assertThat(session.runSync(parent).answer()).isEqualTo("returned without waiting");
		started.await();
		session.close();
		assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		RequestTemplate stragglerRequest = session.info().requestForest().heads().values().stream()
			.filter((request) -> request.sinkName().equals("straggler"))
			.findFirst()
			.orElseThrow();
		assertThat(stragglerRequest.status()).isEqualTo(RequestStatus.FAILED);
	}

	@Test
	void aNodeStillRunningAfterItsSessionClosedCannotCallIntoAnotherSession() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		AtomicReference<Throwable> callFailure = new AtomicReference<>();
		FunctionNode<String> leaf = FunctionNode.of("leaf", () -> "leaf");
		FunctionNode<String> stubborn = FunctionNode.of("stubborn", () -> {
			started.countDown();
			while (true) {
				try {
					closed.await();
					break;
				}
				catch (InterruptedException ex) {
					// ignores interrupts on purpose
				}
			}
			try {
				return call(leaf);
			}
			catch (RuntimeException ex) {
				callFailure.set(ex);
				throw ex;
			}
		});
		Session session = new Session(NO_SAVE);
		CompletableFuture<ExecutionInfo> run = session.run(stubborn);
		started.await();
		session.close();
		closed.countDown();
		assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RailtracksException.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(callFailure.get()).isNotNull());
		assertThat(callFailure.get()).hasMessageContaining(session.identifier());
	}

	@Test
	void subscribersSeeTheFailureBeforeTheFatalFailureItCaused() {
		FatalException fatal = new FatalException("stop everything");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw fatal;
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> call(child));
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(NO_SAVE)) {
			session.publisher().subscribe(messages::add, "test");
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(fatal);
		}
		List<String> failures = messages.stream()
			.filter((message) -> message instanceof RequestFailure || message instanceof FatalFailure)
			.map((message) -> message.getClass().getSimpleName() + " " + message.nodeName())
			.toList();
		assertThat(failures).startsWith("RequestFailure child", "FatalFailure child");
	}

	@Test
	void aTimeoutReportsTheRunEndedOnlyAfterItsNodesStopped() {
		AtomicReference<Boolean> stillRunning = new AtomicReference<>(true);
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> {
			try {
				Thread.sleep(20_000);
			}
			finally {
				stillRunning.set(false);
			}
			return "woke";
		});
		try (Session session = new Session(NO_SAVE.toBuilder().timeout(Duration.ofMillis(100)).build())) {
			assertThatThrownBy(() -> session.runSync(sleeper)).isInstanceOf(GlobalTimeoutException.class);
			assertThat(stillRunning.get()).isFalse();
		}
	}

}
