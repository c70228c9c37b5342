package dev.railtracks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestSuccess;
import dev.railtracks.pubsub.Streaming;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link RTPublisher} keeps delivering whatever its subscribers and threads do.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageBusRobustnessTests {

	@Test
	void aSubscriberThrowingAnErrorDoesNotStopDeliveryNorHangBroadcastingNodes() {
		FunctionNode<String> chatty = FunctionNode.of("chatty", () -> {
			Railtracks.broadcast("one");
			Railtracks.broadcast("two");
			return "done";
		});
		List<Object> received = new CopyOnWriteArrayList<>();
		ExecutorConfig config = noSave().noTimeout().subscriber(received::add).build();
		try (Session session = new Session(config)) {
			session.publisher().subscribe((message) -> {
				throw new StackOverflowError("deep trouble");
			}, "broken");
			assertThat(session.runSync(chatty).answer()).isEqualTo("done");
			assertThat(session.runSync(chatty).answer()).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
		}
		assertThat(received).containsExactly("one", "two", "one", "two");
	}

	@Test
	void messagesAreDeliveredOnThePublishingThreadWhenNoDeliveryThreadIsToBeHad() {
		MessageBus publisher = new MessageBus((task) -> {
			throw new RejectedExecutionException("no threads");
		});
		List<RequestCompletionMessage> received = new CopyOnWriteArrayList<>();
		publisher.subscribe(received::add, "test");
		Streaming first = streaming("first");
		Streaming second = streaming("second");
		publisher.publish(first);
		publisher.publish(second);
		publisher.close();
		assertThat(received).containsExactly(first, second);
	}

	@Test
	void closingTheSessionFromASubscriberDoesNotWaitForItself() {
		FunctionNode<String> node = FunctionNode.of("node", () -> "done");
		Session session = new Session(NO_SAVE);
		long[] closeNanos = new long[1];
		session.publisher().subscribe((message) -> {
			if (message instanceof RequestSuccess) {
				long start = System.nanoTime();
				session.close();
				closeNanos[0] = System.nanoTime() - start;
			}
		}, "closer");
		session.runSync(node);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(session.isClosed()).isTrue());
		assertThat(TimeUnit.NANOSECONDS.toSeconds(closeNanos[0])).isLessThan(5);
	}

	@Test
	void badInputIsRefusedWithAClearException() {
		MessageBus publisher = new MessageBus(Runnable::run);
		assertThatIllegalArgumentException().isThrownBy(() -> publisher.publish(null)).withMessageContaining("null message");
		assertThatIllegalArgumentException().isThrownBy(() -> publisher.subscribe((message) -> {
		}, null)).withMessageContaining("name");
		publisher.close();
		assertThatIllegalStateException().isThrownBy(() -> publisher.subscribe((message) -> {
		}, "late")).withMessageContaining("'late'");
	}

	private static Streaming streaming(Object item) {
		return new Streaming("session", null, null, "session", item, Instant.now());
	}

}
