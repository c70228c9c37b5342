package dev.railtracks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Without a timeout, {@link Session#runSync} runs its top-level node on the calling thread, with no handoff: what that
 * changes and what it must not (interrupts, nesting). With a timeout the node runs on another thread, so that the
 * timeout can release the caller ({@link TimeoutReleasesTheCallerTests}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunSyncOnCallerThreadTests {

	private static final ExecutorConfig NO_TIMEOUT = noSave().noTimeout().build();

	@Test
	void withoutATimeoutTheTopLevelNodeRunsOnTheCallingThread() {
		assertThat(threadRunning(NO_TIMEOUT)).isSameAs(Thread.currentThread());
	}

	@Test
	void withATimeoutTheTopLevelNodeRunsOnAnotherThread() {
		assertThat(threadRunning(NO_SAVE)).isNotSameAs(Thread.currentThread());
	}

	private static Thread threadRunning(ExecutorConfig config) {
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		FunctionNode<String> node = FunctionNode.of("here", () -> {
			ranOn.set(Thread.currentThread());
			return "done";
		});
		try (Session session = new Session(config)) {
			assertThat(session.runSync(node).answer()).isEqualTo("done");
		}
		return ranOn.get();
	}

	@ParameterizedTest(name = "timeout: {0}")
	@ValueSource(booleans = { false, true })
	void interruptingTheCallerCancelsTheRestOfTheRunAndKeepsTheInterrupt(boolean timeout) throws Exception {
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
		try (Session session = new Session(timeout ? NO_SAVE : NO_TIMEOUT)) {
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
		// On the calling thread, what the top-level node returned stands.
		try (Session session = new Session(NO_TIMEOUT)) {
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
			try (Session inner = new Session(NO_TIMEOUT)) {
				return 1 + call(nested(), remaining - 1);
			}
		});
		NESTED.set(level);
		try (Session session = new Session(NO_TIMEOUT)) {
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
		try (Session session = new Session(NO_TIMEOUT)) {
			session.publisher().subscribe(messages::add, "all");
			session.runSync(top);
		}
		assertThat(messages).extracting((message) -> message.getClass().getSimpleName() + " " + message.nodeName())
			.containsExactly("RequestCreation top", "RequestCreation leaf", "RequestSuccess leaf", "RequestSuccess top");
	}

}
