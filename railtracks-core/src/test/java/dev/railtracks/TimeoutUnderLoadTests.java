package dev.railtracks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A timeout stops running nodes before it records them, whatever the fan-out and however slow the logging backend:
 * nothing finishes after the timeout, every node still running is recorded as failed with the timeout, and the
 * timeout is logged once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutUnderLoadTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private final SlowAppender appender = new SlowAppender();

	private final Logger sessionLogger = (Logger) LoggerFactory.getLogger("dev.railtracks.Session");

	private Level previousLevel;

	@BeforeEach
	void attachSlowAppender() {
		this.previousLevel = this.sessionLogger.getLevel();
		this.sessionLogger.setLevel(Level.INFO);
		this.appender.start();
		this.sessionLogger.addAppender(this.appender);
	}

	@AfterEach
	void detachSlowAppender() {
		this.sessionLogger.detachAppender(this.appender);
		this.appender.stop();
		this.sessionLogger.setLevel(this.previousLevel);
	}

	@Test
	void sleepingChildrenOfATimedOutBatchAreAllRecordedFailedWithTheTimeout() {
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", (Integer i) -> {
			Thread.sleep(1_000);
			return "slept " + i;
		});
		FunctionNode<List<String>> parent = FunctionNode.of("parent",
				() -> callBatch(sleeper, IntStream.range(0, 200).boxed().toList()));
		ExecutorConfig config = TestConfigs.noSave().timeout(TIMEOUT).build();
		try (Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(parent));
			ExecutionInfo info = session.info();
			List<RequestTemplate> children = info.requestForest().heads().values().stream()
				.filter((request) -> request.sinkName().equals("sleeper"))
				.toList();
			assertThat(children).hasSize(200).allSatisfy((child) -> {
				assertThat(child.status()).isEqualTo(RequestStatus.FAILED);
				assertThat(child.output()).isInstanceOfSatisfying(Failure.class,
						(failure) -> assertThat(failure.exception()).isInstanceOf(GlobalTimeoutException.class));
			});
		}
		assertThat(this.appender.events).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.filteredOn((event) -> event.getFormattedMessage().contains("timed out"))
			.singleElement()
			.satisfies((event) -> assertThat(event.getThrowableProxy()).isNull());
	}

	@Test
	void unboundedRecursionIsStoppedAndNoNodeStartsAfterTheTimeout() {
		List<Long> startedAfterTimeout = Collections.synchronizedList(new ArrayList<>());
		long[] deadline = new long[1];
		AtomicReference<FunctionNode<Integer>> recurse = new AtomicReference<>();
		recurse.set(FunctionNode.of("recurse", (Integer depth) -> {
			if (deadline[0] != 0 && System.nanoTime() > deadline[0]) {
				startedAfterTimeout.add((long) depth);
			}
			return call(recurse.get(), depth + 1);
		}));
		ExecutorConfig config = TestConfigs.noSave().timeout(TIMEOUT).build();
		try (Session session = new Session(config)) {
			// Nodes check the clock themselves; the engine's own cancellation must stop the recursion.
			deadline[0] = System.nanoTime() + TIMEOUT.toNanos() + Duration.ofSeconds(1).toNanos();
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(recurse.get(), 0));
			assertThat(session.info().requestForest().heads().values())
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.FAILED));
		}
		assertThat(startedAfterTimeout).isEmpty();
	}

	/** A logging backend that takes 10 ms per event, like a remote appender under load. */
	private static final class SlowAppender extends AppenderBase<ILoggingEvent> {

		final List<ILoggingEvent> events = Collections.synchronizedList(new ArrayList<>());

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(event);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
