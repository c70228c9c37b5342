package dev.railtracks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.middleware.Retry;

import static dev.railtracks.NodeMiddlewareTests.edgeOutputOf;
import static dev.railtracks.NodeMiddlewareTests.internalsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Retry}: attempts, which failures are retried, and never retrying what must not be.
 */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryMiddlewareTests {

	private static final Retry QUICK = Retry.builder().maxAttempts(3).backoff(Duration.ofMillis(1), 2).build();

	private final AtomicInteger attempts = new AtomicInteger();

	/** Fails with an IOException until its third attempt. */
	private final FunctionNode<String> flaky = FunctionNode.of("flaky", (String s) -> {
		if (this.attempts.incrementAndGet() < 3) {
			throw new IOException("flaky attempt " + this.attempts.get());
		}
		return s + " after " + this.attempts.get();
	});

	@Test
	void aFailingNodeIsCalledAgainAndEveryAttemptIsRecorded() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(this.flaky.withMiddleware(QUICK), "x")).isEqualTo("x after 3");
			JsonNode attempts = internalsOf(session, "flaky").get("middleware_attempts");
			assertThat(attempts).hasSize(3);
			assertThat(attempts.get(0).get("status").asString()).isEqualTo("Failed");
			assertThat(attempts.get(0).get("failure").asString()).isEqualTo("java.io.IOException: flaky attempt 1");
			assertThat(attempts.get(2).get("status").asString()).isEqualTo("Completed");
		}
	}

	@Test
	void theLastAttemptsFailureIsTheNodesWhenAttemptsRunOut() {
		Retry twice = Retry.builder().maxAttempts(2).backoff(Duration.ofMillis(1), 1).jitter(0).build();
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeInvocationException.class)
				.isThrownBy(() -> session.call(this.flaky.withMiddleware(twice), "x"))
				.withRootCauseInstanceOf(IOException.class)
				.withMessageContaining("flaky attempt 2");
			assertThat(internalsOf(session, "flaky").get("middleware_attempts")).hasSize(2);
			assertThat(edgeOutputOf(session).get("message").asString()).isEqualTo("flaky attempt 2");
		}
	}

	@Test
	void onlyTheFailuresItIsToldToRetryAreRetried() {
		Retry onlyState = Retry.builder().backoff(Duration.ofMillis(1), 1).retryIf(IllegalStateException.class::isInstance)
			.build();
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeInvocationException.class)
				.isThrownBy(() -> session.call(this.flaky.withMiddleware(onlyState), "x"));
			assertThat(this.attempts).hasValue(1);
		}
	}

	@Test
	void aFatalExceptionIsNeverRetried() {
		FunctionNode<String> fatal = FunctionNode.of("fatal", () -> {
			this.attempts.incrementAndGet();
			throw new FatalException("give up");
		});
		try (Session session = new Session(TestConfigs.noSave().addNodeMiddleware(QUICK).build())) {
			assertThatExceptionOfType(FatalException.class).isThrownBy(() -> session.call(fatal)).withMessage("give up");
			assertThat(this.attempts).hasValue(1);
			assertThat(internalsOf(session, "fatal").get("middleware_attempts")).hasSize(1);
		}
	}

	@Test
	void aChildsFatalFailureIsNeverRetriedEither() {
		FunctionNode<String> fatal = FunctionNode.of("fatal", () -> {
			throw new FatalException("give up");
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			this.attempts.incrementAndGet();
			return Railtracks.call(fatal);
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(FatalException.class).isThrownBy(() -> session.call(parent.withMiddleware(QUICK)));
			assertThat(this.attempts).hasValue(1);
		}
	}

	@Test
	void aNodeWhoseRunEndedIsNeverRetriedAndTheWaitStopsAtOnce() throws InterruptedException {
		Retry patient = Retry.builder().maxAttempts(5).backoff(Duration.ofSeconds(30), 1).jitter(0).build();
		FunctionNode<String> failing = FunctionNode.of("failing", () -> {
			this.attempts.incrementAndGet();
			throw new IOException("try again later");
		});
		CountDownLatch retryReturned = new CountDownLatch(1);
		NodeMiddleware watch = (call) -> {
			try {
				return call.proceed();
			}
			finally {
				retryReturned.countDown();
			}
		};
		Duration limit = Duration.ofMillis(300);
		try (Session session = new Session(TestConfigs.noSave().timeout(limit).build())) {
			assertThatExceptionOfType(GlobalTimeoutException.class)
				.isThrownBy(() -> session.call(failing.withMiddleware(watch, patient)));
			// The worker left the back-off at the session's timeout, not after 30 s; generous for a loaded machine.
			assertThat(retryReturned.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.attempts).hasValue(1);
			assertThat(internalsOf(session, "failing").get("middleware_attempts")).hasSize(1);
			assertThat(edgeOutputOf(session).get("type").asString()).isEqualTo("GlobalTimeoutException");
		}
	}

	@Test
	void theWaitStopsGrowingAtTheMaximumBackoff() {
		Retry capped = Retry.builder().maxAttempts(3).backoff(Duration.ofMillis(10), 1000).jitter(0)
			.maxBackoff(Duration.ofMillis(20)).build();
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			// Uncapped, the second wait would be 10 s, past this test's timeout.
			assertThat(session.call(this.flaky.withMiddleware(capped), "x")).isEqualTo("x after 3");
		}
	}

	@Test
	void aNodeThatCannotBeCreatedOrAProceedOnTheWrongThreadIsNotRetried() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			NodeMiddleware badArguments = (call) -> call.proceed("too", "many");
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.call(this.flaky.withMiddleware(QUICK, badArguments), "x"));
			NodeMiddleware otherThread = (call) -> CompletableFuture.supplyAsync(() -> {
				try {
					return call.proceed();
				}
				catch (Exception ex) {
					throw new CompletionException(ex);
				}
			}).handle((result, failure) -> failure.getCause()).join();
			AtomicInteger refusals = new AtomicInteger();
			NodeMiddleware counting = (call) -> {
				Object result = call.proceed();
				if (result instanceof IllegalStateException refused) {
					refusals.incrementAndGet();
					throw refused;
				}
				return result;
			};
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> session.call(this.flaky.withMiddleware(QUICK, counting, otherThread), "x"))
				.withMessageContaining("called proceed() on thread");
			assertThat(refusals).hasValue(1);
		}
		assertThat(this.attempts).hasValue(0);
	}

	@Test
	void badSettingsAreRefusedNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.builder().maxAttempts(0))
			.withMessage("Retry maxAttempts must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.builder().backoff(Duration.ZERO, 2))
			.withMessage("Retry backoff must be positive but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.builder().backoff(Duration.ofMillis(1), 0.5))
			.withMessage("Retry backoff multiplier must be finite and at least 1 but was 0.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Retry.builder().backoff(Duration.ofMillis(1), Double.POSITIVE_INFINITY))
			.withMessage("Retry backoff multiplier must be finite and at least 1 but was Infinity");
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.builder().maxBackoff(Duration.ZERO))
			.withMessage("Retry maxBackoff must be positive but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Retry.builder().backoff(Duration.ofSeconds(2), 2).maxBackoff(Duration.ofSeconds(1)).build())
			.withMessage("Retry maxBackoff PT1S must be at least the backoff PT2S");
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.builder().jitter(1))
			.withMessage("Retry jitter must be in [0, 1) but was 1.0");
		assertThat(Retry.ofDefaults()).hasToString("Retry[maxAttempts=3, backoff=PT0.2S, jitter=0.5, maxBackoff=PT30S]");
	}

}
