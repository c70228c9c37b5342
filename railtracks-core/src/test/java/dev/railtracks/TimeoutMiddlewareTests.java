package dev.railtracks;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.RequestTemplate;
import dev.railtracks.middleware.NodeTimeoutException;
import dev.railtracks.middleware.Retry;
import dev.railtracks.middleware.Timeout;

import static dev.railtracks.NodeMiddlewareTests.edgeOutputOf;
import static dev.railtracks.NodeMiddlewareTests.internalsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Timeout}: the node is interrupted and recorded failed with a timeout naming it and the limit.
 */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeoutMiddlewareTests {

	private static final Duration LIMIT = Duration.ofMillis(200);

	private final CountDownLatch interrupted = new CountDownLatch(1);

	private final FunctionNode<String> sleeper = TestNodes.blockingUntilInterrupted("sleeper", new CountDownLatch(1),
			this.interrupted);

	@Test
	void aSlowNodeIsInterruptedAndRecordedFailedWithTheTimeout() throws InterruptedException {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			long start = System.nanoTime();
			assertThatExceptionOfType(NodeTimeoutException.class)
				.isThrownBy(() -> session.call(this.sleeper.withMiddleware(Timeout.of(LIMIT))))
				.withMessage("Node 'sleeper' timed out after its limit of PT0.2S (Timeout middleware)")
				.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(LIMIT))
				.satisfies((ex) -> assertThat(ex.nodeName()).isEqualTo("sleeper"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(this.interrupted.getCount()).isZero();
			assertThat(Thread.currentThread().isInterrupted()).isFalse();
			internalsOf(session, "sleeper");
			assertThat(edgeOutputOf(session).get("type").asString()).isEqualTo("NodeTimeoutException");
		}
	}

	@Test
	void aTimeoutShorterThanAnInlineChildInterruptsTheChildOnTheCallersThread() {
		AtomicBoolean childFailureSeen = new AtomicBoolean();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return Railtracks.call(this.sleeper);
			}
			catch (RuntimeException ex) {
				childFailureSeen.set(true);
				throw ex;
			}
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeTimeoutException.class)
				.isThrownBy(() -> session.call(parent.withMiddleware(Timeout.of(LIMIT))))
				.withMessageContaining("Node 'parent' timed out");
			assertThat(childFailureSeen).isTrue();
			JsonNode run = JsonMapper.builder().build().readTree(session.payload()).get("runs").get(0);
			internalsOf(session, "sleeper");
			assertThat(run.get("edges")).hasSize(2).allSatisfy((edge) -> assertThat(edge.get("details").get("status")
				.asString()).isEqualTo("Failed"));
		}
	}

	@Test
	void aCallerCatchesItsInlineChildsTimeoutAndGoesOnUninterrupted() {
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return Railtracks.call(this.sleeper.withMiddleware(Timeout.of(LIMIT)));
			}
			catch (NodeTimeoutException ex) {
				Thread.sleep(10);
				return "recovered, interrupted " + Thread.currentThread().isInterrupted();
			}
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(parent)).isEqualTo("recovered, interrupted false");
			internalsOf(session, "parent");
		}
	}

	/** A child that takes a second, far past the parent's limit. */
	private static final FunctionNode<String> SLOW_CHILD = FunctionNode.of("slowChild", (String s) -> {
		Thread.sleep(1000);
		return s;
	});

	/** Every request in the saved file (schema-valid) finished, and none under the timed-out parent completed. */
	private static void assertChildrenEndedWithTheirParent(Session session) {
		await().atMost(Duration.ofSeconds(5)).until(() -> session.info().insertionRequests().stream()
			.allMatch(RequestTemplate::isClosed));
		internalsOf(session, "parent");
		JsonNode run = JsonMapper.builder().build().readTree(session.payload()).get("runs").get(0);
		assertThat(run.get("edges")).hasSizeGreaterThan(1).allSatisfy((edge) -> assertThat(edge.get("details")
			.get("status").asString()).isEqualTo("Failed"));
	}

	@Test
	void theAsynchronousChildrenOfATimedOutNodeEndWithItBeforeARetry() throws InterruptedException {
		FunctionNode<String> parent = FunctionNode.of("parent", () -> Railtracks.callAsync(SLOW_CHILD, "a").get());
		Retry retry = Retry.builder().maxAttempts(2).backoff(Duration.ofMillis(50), 1).build();
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeTimeoutException.class)
				.isThrownBy(() -> session.call(parent.withMiddleware(retry, Timeout.of(LIMIT))));
			assertChildrenEndedWithTheirParent(session);
			assertThat(internalsOf(session, "parent").get("middleware_attempts")).hasSize(2);
		}
	}

	@Test
	void theScoutsOfABatchOfATimedOutNodeEndWithIt() {
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> Railtracks.callBatch(SLOW_CHILD,
				List.of("a", "b", "c")));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeTimeoutException.class)
				.isThrownBy(() -> session.call(parent.withMiddleware(Timeout.of(LIMIT))));
			assertChildrenEndedWithTheirParent(session);
		}
	}

	@Test
	void quickCallsUnderALongLimitLeaveNothingHoldingTheirThreads() throws InterruptedException {
		NodeDefinition<Integer> quick = TestNodes.LENGTH.withMiddleware(Timeout.of(Duration.ofHours(1)));
		AtomicReference<Integer> result = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			// No session timeout: the top-level node runs on this thread, which the test can see released.
			try (Session session = new Session(TestConfigs.noSave().timeout(null).build())) {
				result.set(session.call(quick, "abc"));
			}
		});
		caller.start();
		caller.join();
		assertThat(result).hasValue(3);
		WeakReference<Thread> released = new WeakReference<>(caller);
		caller = null;
		// A pending alarm would hold the node's thread for the hour.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return released.get() == null;
		});
	}

	@Test
	void aQuickNodeKeepsItsResult() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(TestNodes.LENGTH.withMiddleware(Timeout.of(Duration.ofSeconds(5))), "abc"))
				.isEqualTo(3);
		}
	}

	@Test
	void aLimitThatIsNotPositiveIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Timeout.of(Duration.ZERO))
			.withMessageContaining("but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Timeout.of(null)).withMessageContaining("but was null");
	}

}
