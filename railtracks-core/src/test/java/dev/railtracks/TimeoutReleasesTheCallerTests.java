package dev.railtracks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.assertj.core.api.InstanceOfAssertFactories;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestSuccess;

import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A session's timeout releases whoever waits for the run at the deadline (plus the grace period for the run to stop),
 * whatever the running node does with its interrupt, as an HTTP client blocked in a read ignores it. The run is
 * recorded as timed out at the deadline; the node that goes on is abandoned, and what it returns later is dropped, not
 * recorded, and logged once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutReleasesTheCallerTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	/**
	 * Generous for a busy machine. A caller held until the node returns is held until the test lets the node go, which
	 * it does only after the caller was released, or else until the node gives up ({@link Stubborn#GIVE_UP_NANOS}).
	 */
	private static final long RELEASED_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(2);

	/** The session's threads, so that the test can wait until the abandoned node's late outcome has been handled. */
	private final ExecutorService workers = Executors.newCachedThreadPool();

	private final ExecutorConfig config = noSave().timeout(TIMEOUT)
		.executionStrategy(ExecutionStrategy.of("test workers", this.workers))
		.build();

	@RegisterExtension
	final SessionLogCapture log = new SessionLogCapture();

	@AfterEach
	void stopTheWorkers() {
		this.workers.shutdownNow();
	}

	@ParameterizedTest
	@EnumSource(Stubbornness.class)
	void runSyncReleasesItsCallerAtTheDeadlineAndDropsTheLateResult(Stubbornness stubbornness) throws Exception {
		Stubborn stubborn = new Stubborn("stubborn_" + stubbornness.name().toLowerCase(), stubbornness);
		List<RequestCompletionMessage> published = new CopyOnWriteArrayList<>();
		try (Session session = new Session(this.config)) {
			session.publisher().subscribe(published::add, "all");
			long calledAt = EpochClock.nowNanos();
			long started = System.nanoTime();
			assertThatThrownBy(() -> session.runSync(stubborn.node)).isInstanceOf(GlobalTimeoutException.class);
			assertThat(System.nanoTime() - started).as("nanoseconds until the caller was released")
				.isLessThan(RELEASED_WITHIN_NANOS);
			assertThat(stubborn.isRunning()).as("the node is still running").isTrue();
			RequestTemplate timedOut = session.info().insertionRequests().get(0);
			assertTimedOut(timedOut);
			assertThat(timedOut.epochNanos() - calledAt).as("recorded as timed out after, in nanoseconds")
				.isGreaterThanOrEqualTo(TIMEOUT.toNanos())
				.isLessThan(RELEASED_WITHIN_NANOS);

			stubborn.letGo();
			awaitWorkers();
			assertThat(stubborn.returnedAt.get()).isGreaterThan(timedOut.epochNanos());
			assertThat(session.info().insertionRequests()).singleElement().satisfies(this::assertTimedOut);
		}
		assertThat(published).noneMatch(RequestSuccess.class::isInstance)
			.anyMatch((message) -> message.nodeName().equals(stubborn.node.name()));
		assertThat(this.log.messages(Level.INFO)).filteredOn((line) -> line.startsWith(stubborn.node.name()))
			.singleElement(InstanceOfAssertFactories.STRING)
			.matches(stubborn.node.name() + " returned \\d+ ms after it was ended \\(Execution timed out after 0.3 "
					+ "seconds;.*\\); its result was dropped");
	}

	@ParameterizedTest
	@EnumSource(Waiter.class)
	void everyWayOfWaitingForARunIsReleasedAtTheDeadline(Waiter waiter) throws Exception {
		Stubborn stubborn = new Stubborn("stubborn_for_" + waiter.name().toLowerCase(), Stubbornness.SLEEPING);
		AtomicReference<ExecutionInfo> record = new AtomicReference<>();
		ExecutorConfig recorded = this.config.toBuilder().addSessionListener(new SessionListener() {
			@Override
			public void sessionClosed(Session session, ExecutionInfo finalInfo) {
				record.set(finalInfo);
			}
		}).build();
		long started = System.nanoTime();
		Throwable thrown = waiter.waitFor(stubborn.node, recorded);
		assertThat(System.nanoTime() - started).as("nanoseconds until the caller was released")
			.isLessThan(RELEASED_WITHIN_NANOS);
		assertThat(thrown).isInstanceOf(GlobalTimeoutException.class);
		assertThat(stubborn.isRunning()).as("the node is still running").isTrue();
		assertThat(record.get().insertionRequests()).singleElement().satisfies(this::assertTimedOut);

		stubborn.letGo();
		awaitWorkers();
		assertThat(this.log.messages(Level.INFO))
			.filteredOn((line) -> line.startsWith(stubborn.node.name() + " returned "))
			.hasSize(1);
	}

	@Test
	void aRunSyncNestedInANodeReleasesThatNodeAtItsOwnSessionsDeadline() throws Exception {
		Stubborn stubborn = new Stubborn("nested_stubborn", Stubbornness.SPINNING);
		FunctionNode<String> outer = FunctionNode.of("outer", () -> {
			try (Session inner = new Session(this.config)) {
				return "inner answered " + inner.runSync(stubborn.node).answer();
			}
			catch (GlobalTimeoutException ex) {
				return "inner timed out";
			}
		});
		// The outer session has no timeout, so its node runs on this thread and the inner runSync holds it.
		try (Session session = new Session(noSave().noTimeout().build())) {
			long started = System.nanoTime();
			assertThat(session.runSync(outer).answer()).isEqualTo("inner timed out");
			assertThat(System.nanoTime() - started).isLessThan(RELEASED_WITHIN_NANOS);
			assertThat(stubborn.isRunning()).isTrue();
		}
		stubborn.letGo();
		awaitWorkers();
	}

	@Test
	void aNestedRunSyncWithoutATimeoutDoesNotHoldTheOuterCallerPastTheOuterDeadline() throws Exception {
		Stubborn stubborn = new Stubborn("stubborn_inside", Stubbornness.SLEEPING);
		FunctionNode<Object> outer = FunctionNode.of("outer", () -> {
			// Runs the stubborn node on the outer node's thread: only the outer session's timeout bounds it.
			try (Session inner = new Session(noSave().noTimeout().build())) {
				return inner.runSync(stubborn.node).answer();
			}
		});
		try (Session session = new Session(this.config)) {
			long started = System.nanoTime();
			assertThatThrownBy(() -> session.runSync(outer)).isInstanceOf(GlobalTimeoutException.class);
			assertThat(System.nanoTime() - started).isLessThan(RELEASED_WITHIN_NANOS);
			assertThat(stubborn.isRunning()).isTrue();
			assertThat(session.info().insertionRequests()).singleElement().satisfies(this::assertTimedOut);
			stubborn.letGo();
			awaitWorkers();
			assertThat(session.info().insertionRequests()).singleElement().satisfies(this::assertTimedOut);
		}
	}

	private void assertTimedOut(RequestTemplate request) {
		assertThat(request.status()).isEqualTo(RequestStatus.FAILED);
		assertThat(request.stamp().identifier()).startsWith("Cancelled request ");
		assertThat(request.output()).isInstanceOfSatisfying(Failure.class,
				(failure) -> assertThat(failure.exception()).isInstanceOf(GlobalTimeoutException.class));
	}

	/** Waits until every task the session handed to its threads is done, the abandoned node's late outcome too. */
	private void awaitWorkers() throws InterruptedException {
		this.workers.shutdown();
		assertThat(this.workers.awaitTermination(20, TimeUnit.SECONDS)).as("the session's threads finished").isTrue();
	}

	/** How a node ignores its interrupt. */
	enum Stubbornness {

		/** Busy, never looking at the interrupt. */
		SPINNING,

		/** Sleeping, and going back to sleep when interrupted. */
		SLEEPING

	}

	/** The ways to wait for a run, each with the failure the waiting ended with. */
	enum Waiter {

		SESSION_RUN_FUTURE {
			@Override
			Throwable waitFor(FunctionNode<String> node, ExecutorConfig config) {
				try (Session session = new Session(config)) {
					CompletableFuture<ExecutionInfo> run = session.run(node);
					return causeOf(catchThrowable(() -> run.get(10, TimeUnit.SECONDS)));
				}
			}
		},

		FLOW_INVOKE {
			@Override
			Throwable waitFor(FunctionNode<String> node, ExecutorConfig config) {
				return catchThrowable(() -> flow(node, config).invoke());
			}
		},

		FLOW_RUN {
			@Override
			Throwable waitFor(FunctionNode<String> node, ExecutorConfig config) {
				return catchThrowable(() -> flow(node, config).run().value());
			}
		},

		FLOW_INVOKE_ASYNC {
			@Override
			Throwable waitFor(FunctionNode<String> node, ExecutorConfig config) {
				CompletableFuture<String> invocation = flow(node, config).invokeAsync();
				return causeOf(catchThrowable(() -> invocation.get(10, TimeUnit.SECONDS)));
			}
		};

		abstract Throwable waitFor(FunctionNode<String> node, ExecutorConfig config);

		private static Flow<String> flow(FunctionNode<String> node, ExecutorConfig config) {
			return Flow.builder("stubborn_flow", node).config(config).build();
		}

		private static Throwable causeOf(Throwable thrown) {
			assertThat(thrown).isInstanceOf(ExecutionException.class);
			return thrown.getCause();
		}

	}

	/**
	 * A node that ignores interrupts until the test lets it go, as a model's HTTP client blocked in a read does; it
	 * gives up by itself after a while, so that a caller wrongly held by it is held for that long, not forever.
	 */
	static final class Stubborn {

		static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

		final FunctionNode<String> node;

		final AtomicLong returnedAt = new AtomicLong();

		private final CountDownLatch letGo = new CountDownLatch(1);

		Stubborn(String name, Stubbornness stubbornness) {
			this.node = FunctionNode.of(name, () -> {
				long giveUp = System.nanoTime() + GIVE_UP_NANOS;
				while (this.letGo.getCount() > 0 && System.nanoTime() < giveUp) {
					if (stubbornness == Stubbornness.SLEEPING) {
						sleepIgnoringInterrupts();
					}
					else {
						Thread.onSpinWait();
					}
				}
				this.returnedAt.set(EpochClock.nowNanos());
				return "late answer";
			});
		}

		boolean isRunning() {
			return this.returnedAt.get() == 0;
		}

		void letGo() {
			this.letGo.countDown();
		}

		private static void sleepIgnoringInterrupts() {
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				// Ignored on purpose: this node does not stop when asked.
			}
		}

	}

}
