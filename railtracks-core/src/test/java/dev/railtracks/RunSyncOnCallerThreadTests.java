package dev.railtracks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.EpochClock;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.pubsub.RequestCompletionMessage;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Session#runSync} runs its top-level node on the calling thread, with no handoff: what that changes and what
 * it must not (the timeout, interrupts, nesting).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunSyncOnCallerThreadTests {

	@Test
	void theTopLevelNodeRunsOnTheCallingThread() {
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		FunctionNode<String> node = FunctionNode.of("here", () -> {
			ranOn.set(Thread.currentThread());
			return "done";
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(node).answer()).isEqualTo("done");
		}
		assertThat(ranOn.get()).isSameAs(Thread.currentThread());
	}

	@Test
	void aTimeoutIsRecordedAtTheDeadlineEvenWhileANodeIgnoresItsInterrupt() {
		AtomicReference<Long> returnedAt = new AtomicReference<>();
		FunctionNode<String> stubborn = FunctionNode.of("stubborn", () -> {
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
			while (System.nanoTime() < until) {
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					// ignores interrupts on purpose
				}
			}
			returnedAt.set(EpochClock.nowNanos());
			return "late";
		});
		try (Session session = new Session(noSave().timeout(Duration.ofMillis(200)).build())) {
			assertThatThrownBy(() -> session.runSync(stubborn)).isInstanceOf(GlobalTimeoutException.class);
			// The caller is held until the node returns: its own stack runs the node.
			assertThat(returnedAt.get()).isNotNull();
			RequestTemplate top = session.info().insertionRequests().get(0);
			assertThat(top.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(top.stamp().identifier()).startsWith("Cancelled request ");
			// The record had the timeout at the deadline, long before the node returned (2.3 s later, give or take).
			assertThat(returnedAt.get() - top.epochNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1000));
		}
	}

	@Test
	void interruptingTheCallerCancelsTheRestOfTheRunAndKeepsTheInterrupt() throws Exception {
		CountDownLatch childStarted = new CountDownLatch(1);
		CountDownLatch childInterrupted = new CountDownLatch(1);
		FunctionNode<String> child = TestNodes.blockingUntilInterrupted("child", childStarted, childInterrupted);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			callAsync(child);
			new CountDownLatch(1).await();
			return "never";
		});
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		try (Session session = new Session(NO_SAVE)) {
			Thread caller = new Thread(() -> {
				try {
					session.runSync(parent);
				}
				catch (Throwable ex) {
					thrown.set(ex);
				}
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			});
			caller.start();
			assertThat(childStarted.await(10, TimeUnit.SECONDS)).isTrue();
			caller.interrupt();
			caller.join(10_000);
			assertThat(thrown.get()).isInstanceOf(RailtracksException.class).hasMessageContaining("Interrupted");
			assertThat(stillInterrupted.get()).isTrue();
			assertThat(childInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(session.info().requestForest().heads().values()).extracting(RequestTemplate::status)
				.containsOnly(RequestStatus.FAILED);
		}
	}

	@Test
	void anInterruptThatAChildTurnsIntoItsFailureStillCancelsTheRunAndIsKept() throws Exception {
		CountDownLatch siblingStarted = new CountDownLatch(1);
		CountDownLatch siblingInterrupted = new CountDownLatch(1);
		FunctionNode<String> sibling = TestNodes.blockingUntilInterrupted("sibling", siblingStarted, siblingInterrupted);
		CountDownLatch childStarted = new CountDownLatch(1);
		FunctionNode<String> child = TestNodes.blockingUntilInterrupted("child", childStarted, new CountDownLatch(1));
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			callAsync(sibling);
			try {
				return call(child);
			}
			catch (RuntimeException ex) {
				// Carries on as if nothing happened: the interrupt must not be lost for that.
				return "carried on";
			}
		});
		AtomicReference<Object> answer = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		try (Session session = new Session(NO_SAVE)) {
			Thread caller = new Thread(() -> {
				answer.set(session.runSync(parent).answer());
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			});
			caller.start();
			assertThat(childStarted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(siblingStarted.await(10, TimeUnit.SECONDS)).isTrue();
			caller.interrupt();
			caller.join(10_000);
			assertThat(answer.get()).isEqualTo("carried on");
			assertThat(stillInterrupted.get()).isTrue();
			assertThat(siblingInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(session.info().requestForest().heads().values())
				.filteredOn((request) -> request.sinkName().equals("sibling"))
				.extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.FAILED);
		}
	}

	@Test
	void aCallerInterruptedBeforehandStartsNothingAndKeepsTheInterrupt() {
		FunctionNode<String> node = FunctionNode.of("node", () -> "ran");
		try (Session session = new Session(NO_SAVE)) {
			Thread.currentThread().interrupt();
			try {
				assertThatThrownBy(() -> session.runSync(node)).isInstanceOf(RailtracksException.class)
					.hasMessageContaining("Interrupted");
				assertThat(Thread.currentThread().isInterrupted()).isTrue();
			}
			finally {
				Thread.interrupted();
			}
			assertThat(session.info().insertionRequests()).extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.FAILED);
		}
	}

	@Test
	void sessionsNestedInsideNodesMoveToAFreshStackInsteadOfOverflowing() {
		// Each level opens a session inside a node and runs the next level there: all on one stack until the
		// nesting limit, then on fresh threads.
		List<String> threads = new CopyOnWriteArrayList<>();
		FunctionNode<Integer> level = FunctionNode.of("level", (Integer remaining) -> {
			threads.add(Thread.currentThread().getName());
			if (remaining == 0) {
				return 0;
			}
			try (Session inner = new Session(NO_SAVE)) {
				return 1 + call(nested(), remaining - 1);
			}
		});
		NESTED.set(level);
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(level, 300).answer()).isEqualTo(300);
		}
		assertThat(threads).hasSize(301);
		assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
		assertThat(threads.stream().distinct().count()).isGreaterThan(1);
	}

	private static final AtomicReference<FunctionNode<Integer>> NESTED = new AtomicReference<>();

	private static FunctionNode<Integer> nested() {
		return NESTED.get();
	}

	@Test
	void subscribersStillSeeEveryMessageOfAnInlineRun() {
		FunctionNode<String> leaf = FunctionNode.of("leaf", () -> "leaf");
		FunctionNode<String> top = FunctionNode.of("top", () -> call(leaf));
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(NO_SAVE)) {
			session.publisher().subscribe(messages::add, "all");
			session.runSync(top);
		}
		assertThat(messages).extracting((message) -> message.getClass().getSimpleName() + " " + message.nodeName())
			.containsExactly("RequestCreation top", "RequestCreation leaf", "RequestSuccess leaf", "RequestSuccess top");
	}

}
