package dev.railtracks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.middleware.NodeTimeoutException;
import dev.railtracks.middleware.Timeout;

import static dev.railtracks.NodeMiddlewareTests.edgeOutputOf;
import static dev.railtracks.NodeMiddlewareTests.internalsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
