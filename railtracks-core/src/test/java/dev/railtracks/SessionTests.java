package dev.railtracks;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Session}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionTests {

	static final FunctionNode<String> ECHO = FunctionNode.of("echo", (String s) -> s);

	@Test
	void runSyncWithADefinitionReturnsInfoWhoseAnswerIsTheResult() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(LENGTH, "railtracks");
			assertThat(info.answer()).isEqualTo(10);
			assertThat(info.insertionRequests()).singleElement()
				.satisfies((request) -> assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED));
		}
	}

	@Test
	void runSyncWithANodeClassCreatesTheNodeFromTheArguments() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(Greet.class, "Ada");
			assertThat(info.answer()).isEqualTo("Hello Ada");
			assertThat(info.nodeForest().heads().values()).singleElement()
				.satisfies((node) -> assertThat(node.name()).isEqualTo("Greet"));
		}
	}

	@Test
	void runCompletesWithTheInfoOfTheRun() throws Exception {
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<ExecutionInfo> running = session.run(LENGTH, "abc");
			assertThat(running.get(30, TimeUnit.SECONDS).answer()).isEqualTo(3);
		}
	}

	@Test
	void runWithANodeClassCompletesWithTheInfoOfTheRun() throws Exception {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.run(Greet.class, "Bob").get(30, TimeUnit.SECONDS);
			assertThat(info.answer()).isEqualTo("Hello Bob");
		}
	}

	@Test
	void defaultConstructorUsesTheDefaultConfigurationAndSavesToTheDefaultDirectory() throws IOException {
		Path saved = null;
		try {
			String id;
			try (Session session = new Session()) {
				assertThat(session.config()).isSameAs(ExecutorConfig.defaults());
				assertThat(session.context().keys()).isEmpty();
				id = session.identifier();
			}
			saved = DefaultStateDirectory.path().resolve("_" + id + ".json");
			assertThat(saved).exists();
		}
		finally {
			DefaultStateDirectory.delete(saved);
		}
	}

	@Test
	void configConstructorUsesThatConfigurationAndAnEmptyContext() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.config()).isSameAs(NO_SAVE);
			assertThat(session.context().keys()).isEmpty();
		}
	}

	@Test
	void contextConstructorStartsWithTheGivenVariables() {
		try (Session session = new Session(NO_SAVE, Map.of("city", "Vancouver", "n", 3))) {
			assertThat(session.context().asMap()).containsOnly(Map.entry("city", "Vancouver"), Map.entry("n", 3));
			assertThat(session.runSync(FunctionNode.of("read", () -> Railtracks.context().get("city"))).answer())
				.isEqualTo("Vancouver");
		}
	}

	@Test
	void nullConfigurationIsRefused() {
		assertThatThrownBy(() -> new Session(null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ExecutorConfig");
	}

	@Test
	void sessionIdIsTheIdentifierUnderTheNameNodesAndEventsUse() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.sessionId()).isEqualTo(session.identifier()).isEqualTo(session.context().sessionId());
			assertThat(session.runSync(FunctionNode.of("id", () -> Railtracks.sessionId())).answer())
				.isEqualTo(session.sessionId());
		}
	}

	@Test
	void fixedRunIdentifierBecomesTheSessionIdentifier() {
		try (Session session = new Session(NO_SAVE.toBuilder().runIdentifier("abc123").build())) {
			assertThat(session.identifier()).isEqualTo("abc123");
			assertThat(session.runSync(FunctionNode.of("id", Railtracks::sessionId)).answer()).isEqualTo("abc123");
		}
	}

	@Test
	void sessionsWithoutAFixedIdentifierGetDistinctIdentifiers() {
		String first;
		String second;
		try (Session a = new Session(NO_SAVE)) {
			a.runSync(LENGTH, "x");
			a.runSync(LENGTH, "yy");
			first = a.identifier();
		}
		try (Session b = new Session(NO_SAVE)) {
			b.runSync(LENGTH, "z");
			second = b.identifier();
		}
		assertThat(first).isNotBlank().isNotEqualTo(second);
	}

	@Test
	void closingTwiceIsHarmless() {
		Session session = new Session(NO_SAVE);
		session.runSync(LENGTH, "abc");
		session.close();
		session.close();
		session.shutdown();
		assertThat(session.isClosed()).isTrue();
		assertThat(session.info().answer()).isEqualTo(3);
	}

	@Test
	void aCloseOnAnotherThreadReturnsOnlyAfterTheFirstCloseHasToldItsListeners() throws Exception {
		CountDownLatch listenerEntered = new CountDownLatch(1);
		CountDownLatch releaseListener = new CountDownLatch(1);
		AtomicReference<Boolean> listenerFinished = new AtomicReference<>(false);
		SessionListener slowListener = new SessionListener() {
			@Override
			public void sessionClosed(Session session, ExecutionInfo finalInfo) {
				listenerEntered.countDown();
				try {
					releaseListener.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				listenerFinished.set(true);
			}
		};
		Session session = new Session(NO_SAVE.toBuilder().addSessionListener(slowListener).build());
		CompletableFuture<Void> first = CompletableFuture.runAsync(session::close);
		assertThat(listenerEntered.await(10, TimeUnit.SECONDS)).isTrue();
		AtomicReference<Boolean> seenBySecond = new AtomicReference<>();
		Thread second = new Thread(() -> {
			session.close();
			seenBySecond.set(listenerFinished.get());
		});
		second.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
		releaseListener.countDown();
		second.join(10_000);
		first.get(10, TimeUnit.SECONDS);
		assertThat(seenBySecond.get()).isTrue();
	}

	@Test
	void aListenerClosingTheSessionAgainDoesNotWaitForItself() {
		SessionListener reclosing = new SessionListener() {
			@Override
			public void sessionClosed(Session session, ExecutionInfo finalInfo) {
				session.close();
			}
		};
		Session session = new Session(NO_SAVE.toBuilder().addSessionListener(reclosing).build());
		session.close();
		assertThat(session.isClosed()).isTrue();
	}

	@Test
	void runningAClosedSessionThrowsIllegalStateException() {
		Session session = new Session(NO_SAVE);
		session.close();
		assertThatIllegalStateException().isThrownBy(() -> session.runSync(LENGTH, "abc"))
			.withMessageContaining(session.identifier());
		assertThatIllegalStateException().isThrownBy(() -> session.runSync(Greet.class, "Ada"));
		assertThatIllegalStateException().isThrownBy(() -> session.run(LENGTH, "abc"));
		assertThatIllegalStateException().isThrownBy(() -> session.run(Greet.class, "Ada"));
		assertThat(session.info().requestForest().size()).isZero();
	}

	@Test
	void uncheckedFailureOfTheStartNodeIsThrownAsTheSameInstanceByRunSync() {
		IllegalStateException boom = new IllegalStateException("boom");
		FunctionNode<String> failing = FunctionNode.of("failing", () -> {
			throw boom;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(failing)).isSameAs(boom);
			RequestTemplate request = session.info().insertionRequests().get(0);
			assertThat(request.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(request.output()).isEqualTo(new Failure(boom));
		}
	}

	@Test
	void checkedFailureOfTheStartNodeIsThrownAsNodeInvocationExceptionWithTheCause() {
		IOException io = new IOException("disk on fire");
		FunctionNode<String> failing = FunctionNode.of("reader", () -> {
			throw io;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(NodeInvocationException.class).isThrownBy(() -> session.runSync(failing))
				.withMessageContaining("reader")
				.satisfies((ex) -> assertThat(ex.isFatal()).isFalse())
				.havingCause()
				.isSameAs(io);
			assertThat(session.info().insertionRequests().get(0).output()).isEqualTo(new Failure(io));
		}
	}

	@Test
	void failureOfTheStartNodeCompletesRunExceptionallyAndInfoStaysReadable() {
		IllegalArgumentException boom = new IllegalArgumentException("bad input");
		FunctionNode<String> failing = FunctionNode.of("failing", (String s) -> {
			throw boom;
		});
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<ExecutionInfo> running = session.run(failing, "x");
			assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isSameAs(boom);
			assertThatThrownBy(running::join).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
			ExecutionInfo info = session.info();
			assertThat(info.insertionRequests()).singleElement().satisfies((request) -> {
				assertThat(request.status()).isEqualTo(RequestStatus.FAILED);
				assertThat(request.inputArgs()).containsExactly("x");
			});
		}
	}

	@Test
	void infoIsReadableAfterClose() {
		Session session = new Session(NO_SAVE);
		session.runSync(ECHO, "kept");
		session.close();
		assertThat(session.info().answer()).isEqualTo("kept");
		assertThat(session.info().nodeForest().size()).isEqualTo(1);
	}

	@Test
	void severalTopLevelRunsInOneSessionMakeTheAnswerAList() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(LENGTH, "a").answer()).isEqualTo(1);
			ExecutionInfo info = session.runSync(LENGTH, "bbb");
			assertThat(info.answer()).isEqualTo(List.of(1, 3));
			assertThat(info.insertionRequests()).hasSize(2);
			String second = info.insertionRequests().get(1).identifier();
			assertThat(info.getInfo(second).answer()).isEqualTo(3);
			assertThat(info.getInfo(second).nodeForest().size()).isEqualTo(1);
		}
	}

	@Test
	void concurrentTopLevelRunsInOneSessionAreAllRecorded() throws Exception {
		FunctionNode<Integer> nested = FunctionNode.of("nested", (String s) -> call(LENGTH, s) + call(LENGTH, s));
		try (Session session = new Session(NO_SAVE)) {
			List<CompletableFuture<ExecutionInfo>> runs = List.of(session.run(nested, "a"), session.run(nested, "bb"),
					session.run(nested, "ccc"));
			CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			ExecutionInfo info = session.info();
			assertThat(info.insertionRequests()).hasSize(3);
			assertThat(info.answer()).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(2, 4, 6);
			assertThat(info.requestForest().size()).isEqualTo(9);
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	void stateIsSavedToTheConfiguredDirectoryOnClose(@TempDir Path directory) throws IOException {
		String id;
		try (Session session = new Session(ExecutorConfig.builder().stateDirectory(directory).build())) {
			session.runSync(ECHO, "saved");
			id = session.identifier();
		}
		try (var files = Files.list(directory)) {
			assertThat(files).singleElement()
				.satisfies((file) -> assertThat(file.getFileName().toString()).isEqualTo("_" + id + ".json"));
		}
	}

	@Test
	void noStateIsSavedWhenSaveStateIsOff(@TempDir Path directory) throws IOException {
		try (Session session = new Session(NO_SAVE.toBuilder().stateDirectory(directory).build())) {
			session.runSync(ECHO, "not saved");
		}
		try (var files = Files.list(directory)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aNodeReturningNullCompletesWithANullAnswer() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(FunctionNode.of("nothing", () -> null));
			assertThat(info.answer()).isNull();
			assertThat(info.insertionRequests().get(0).status()).isEqualTo(RequestStatus.COMPLETED);
		}
	}

	@Test
	void closingTheSessionDuringARunFailsTheRunAndInterruptsItsNodes() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> waiting = TestNodes.blockingUntilInterrupted("waiting", started, interrupted);
		Session session = new Session(NO_SAVE);
		CompletableFuture<ExecutionInfo> running = session.run(waiting);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		session.close();
		assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(RailtracksException.class)
			.hasMessageContaining("closed");
		assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(session.info().insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);
	}

	@Test
	void interruptingTheWaitingCallerCancelsTheRun() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> waiting = TestNodes.blockingUntilInterrupted("waiting", started, interrupted);
		try (Session session = new Session(NO_SAVE)) {
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					session.runSync(waiting);
				}
				catch (Throwable ex) {
					thrown.set(ex);
				}
			});
			caller.start();
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			caller.interrupt();
			caller.join(10_000);
			assertThat(thrown.get()).isInstanceOf(RailtracksException.class).hasMessageContaining("Interrupted");
			assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(session.info().insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);
		}
	}

	@Test
	void aSessionClosedOnAnotherThreadIsNotKeptAliveByTheThreadThatCreatedIt() throws Exception {
		ExecutorService creatingThread = Executors.newSingleThreadExecutor();
		try {
			// The asynchronous pattern: create and run on one thread, close when the run completes, elsewhere.
			Session first = creatingThread.submit(() -> new Session(NO_SAVE)).get();
			WeakReference<Object> firstState = new WeakReference<>(first.publisher());
			first.run(ECHO, "x").thenRun(first::close).get(10, TimeUnit.SECONDS);
			first = null;
			creatingThread.submit(() -> {
				try (Session second = new Session(NO_SAVE)) {
					second.runSync(ECHO, "y");
				}
			}).get();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
				System.gc();
				assertThat(firstState.get()).as("state of the first session").isNull();
			});
		}
		finally {
			creatingThread.shutdownNow();
		}
	}

	/** A class-based node with one constructor. */
	static class Greet extends Node<String> {

		private final String who;

		Greet(String who) {
			this.who = who;
		}

		@Override
		public String invoke() {
			return "Hello " + this.who;
		}

	}

}
