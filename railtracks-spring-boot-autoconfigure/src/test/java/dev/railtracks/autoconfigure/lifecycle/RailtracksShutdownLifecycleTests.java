package dev.railtracks.autoconfigure.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.railtracks.FunctionNode;
import dev.railtracks.RailtracksException;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;
import dev.railtracks.info.RequestStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksShutdownLifecycle}: closing a real application context while a session runs. // #6
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RailtracksShutdownLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class))
		.withUserConfiguration(ClosedEvents.class);

	@Test
	void closingTheContextCancelsARunningSessionSavesItsStateAndPublishesItsCloseEvent(@TempDir Path directory) {
		this.contextRunner.withPropertyValues("railtracks.state-directory=" + directory).run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch interrupted = new CountDownLatch(1);
			FunctionNode<String> waiting = FunctionNode.of("waiting", () -> {
				started.countDown();
				try {
					new CountDownLatch(1).await();
					return "never";
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
					throw ex;
				}
			});
			CompletableFuture<Throwable> request = CompletableFuture.supplyAsync(() -> {
				try (Session session = factory.create()) {
					session.runSync(waiting);
					return null;
				}
				catch (Throwable ex) {
					return ex;
				}
			});
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			ClosedEvents events = context.getBean(ClosedEvents.class);
			RailtracksSessionTracker tracker = context.getBean(RailtracksSessionTracker.class);

			context.close();

			// Everything below was done by the time close() returned, not by the request thread later.
			assertThat(events.closed).singleElement().satisfies((event) -> assertThat(
					event.getFinalInfo().insertionRequests().get(0).status())
				.isEqualTo(RequestStatus.FAILED));
			assertThat(tracker.activeCount()).isZero();
			List<Path> saved = files(directory);
			assertThat(saved).singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).contains("\"waiting\"")
					.contains("was closed while the run was in progress"));
			assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(request.get(10, TimeUnit.SECONDS)).isInstanceOf(RailtracksException.class)
				.hasMessageContaining("was closed while the run was in progress");
		});
	}

	@Test
	void sessionsAreLeftToTheirOwnersWhenCloseSessionsIsOff() {
		this.contextRunner.withPropertyValues("railtracks.save-state=false", "railtracks.shutdown.close-sessions=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RailtracksShutdownLifecycle.class);
				Session session = context.getBean(SessionFactory.class).create();
				context.close();
				assertThat(session.isClosed()).isFalse();
				session.close();
			});
	}

	@Test
	void aNonPositiveShutdownTimeoutFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.shutdown.timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("railtracks.shutdown.timeout")
				.hasMessageContaining("must be positive");
		});
	}

	private static List<Path> files(Path directory) throws java.io.IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ClosedEvents {

		final List<SessionClosedEvent> closed = new CopyOnWriteArrayList<>();

		@Bean
		ClosedEventsListener closedEventsListener() {
			return new ClosedEventsListener(this.closed);
		}

	}

	static class ClosedEventsListener {

		private final List<SessionClosedEvent> closed;

		ClosedEventsListener(List<SessionClosedEvent> closed) {
			this.closed = closed;
		}

		@EventListener
		void onClose(SessionClosedEvent event) {
			this.closed.add(event);
		}

	}

}
