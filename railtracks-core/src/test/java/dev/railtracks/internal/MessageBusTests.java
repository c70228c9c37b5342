package dev.railtracks.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestCreation;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;
import dev.railtracks.pubsub.Streaming;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RTPublisher}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageBusTests {

	private final ExecutorService deliveryThreads = Executors.newCachedThreadPool();

	@AfterEach
	void stopDeliveryThreads() {
		this.deliveryThreads.shutdownNow();
	}

	@Test
	void everySubscriberReceivesEveryMessageInPublicationOrder() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		List<Object> first = new CopyOnWriteArrayList<>();
		List<Object> second = new CopyOnWriteArrayList<>();
		List<Object> synchronous = new CopyOnWriteArrayList<>();
		publisher.subscribe((message) -> first.add(item(message)), "first");
		publisher.subscribe((message) -> second.add(item(message)), "second");
		publisher.subscribeSynchronous((message) -> synchronous.add(item(message)), "synchronous");
		for (int i = 0; i < 500; i++) {
			publisher.publish(streaming(i));
		}
		publisher.close();
		List<Object> expected = IntStream.range(0, 500).boxed().map(Object.class::cast).toList();
		assertThat(first).isEqualTo(expected);
		assertThat(second).isEqualTo(expected);
		assertThat(synchronous).isEqualTo(expected);
	}

	@Test
	void messagesPublishedFromManyThreadsReachEveryAsynchronousSubscriberInOneOrder() throws Exception {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		List<Object> first = new CopyOnWriteArrayList<>();
		List<Object> second = new CopyOnWriteArrayList<>();
		publisher.subscribe((message) -> first.add(item(message)), "first");
		publisher.subscribe((message) -> second.add(item(message)), "second");
		ExecutorService publishers = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				done.add(CompletableFuture.runAsync(() -> {
					await(start);
					for (int i = 0; i < 250; i++) {
						publisher.publish(streaming(thread * 1000 + i));
					}
				}, publishers));
			}
			start.countDown();
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			publishers.shutdown();
		}
		publisher.close();
		assertThat(first).hasSize(2000).doesNotHaveDuplicates().isEqualTo(second);
		for (int t = 0; t < 8; t++) {
			int thread = t;
			assertThat(first).filteredOn((item) -> (Integer) item / 1000 == thread)
				.as("messages of publisher thread %d keep their order", thread)
				.isSorted();
		}
	}

	@Test
	void aThrowingSubscriberIsIsolatedFromTheOthersAndLaterMessages() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		List<Object> received = new CopyOnWriteArrayList<>();
		List<Object> receivedSynchronously = new CopyOnWriteArrayList<>();
		publisher.subscribe((message) -> {
			throw new IllegalStateException("broken subscriber");
		}, "broken");
		publisher.subscribeSynchronous((message) -> {
			throw new IllegalStateException("broken synchronous subscriber");
		}, "broken synchronous");
		publisher.subscribe((message) -> received.add(item(message)), "healthy");
		publisher.subscribeSynchronous((message) -> receivedSynchronously.add(item(message)), "healthy synchronous");
		publisher.publish(streaming(1));
		publisher.publish(streaming(2));
		publisher.close();
		assertThat(received).containsExactly(1, 2);
		assertThat(receivedSynchronously).containsExactly(1, 2);
	}

	@Test
	void closeDeliversEverythingPublishedBeforeIt() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		List<Object> received = new CopyOnWriteArrayList<>();
		publisher.subscribe((message) -> {
			sleep(2);
			received.add(item(message));
		}, "slow");
		for (int i = 0; i < 100; i++) {
			publisher.publish(streaming(i));
		}
		publisher.close();
		assertThat(received).hasSize(100);
	}

	@Test
	void publishAfterCloseIsAnIllegalStateException() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		publisher.close();
		assertThat(publisher.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> publisher.publish(streaming(1)))
			.withMessageContaining("not currently running");
		assertThatIllegalStateException().isThrownBy(() -> publisher.publishTracked(streaming(1)));
	}

	@Test
	void closingTwiceIsHarmless() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		assertThat(publisher.isRunning()).isTrue();
		publisher.close();
		publisher.close();
		assertThat(publisher.isRunning()).isFalse();
	}

	@Test
	void unsubscribeStopsDeliveryAndAnUnknownIdIsANoSuchElementException() throws Exception {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		List<Object> received = new CopyOnWriteArrayList<>();
		String id = publisher.subscribe((message) -> received.add(item(message)), "leaving");
		String other = publisher.subscribeSynchronous((message) -> {
		}, "other");
		assertThat(id).isNotEqualTo(other);
		assertThat(publisher.subscriberNames()).containsExactly("other", "leaving");
		// Delivery is asynchronous: a message counts for the subscribers present when its delivery begins.
		publisher.publishTracked(streaming(1)).get(10, TimeUnit.SECONDS);
		publisher.unsubscribe(id);
		publisher.publish(streaming(2));
		publisher.close();
		assertThat(received).containsExactly(1);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> publisher.unsubscribe(id))
			.withMessageContaining(id);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> publisher.unsubscribe("unknown"))
			.withMessageContaining("'unknown'");
	}

	@Test
	void aNullSubscriberIsRefused() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		assertThatIllegalArgumentException().isThrownBy(() -> publisher.subscribe(null, "nothing"))
			.withMessageContaining("nothing");
		publisher.close();
	}

	@Test
	void publishTrackedCompletesOnceEveryAsynchronousSubscriberHasTheMessage() throws Exception {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		CountDownLatch release = new CountDownLatch(1);
		List<Object> received = new CopyOnWriteArrayList<>();
		publisher.subscribe((message) -> {
			await(release);
			received.add(item(message));
		}, "gated");
		CompletableFuture<Void> delivered = publisher.publishTracked(streaming(7));
		assertThat(delivered).isNotDone();
		release.countDown();
		delivered.get(10, TimeUnit.SECONDS);
		assertThat(received).containsExactly(7);
		publisher.close();
	}

	@Test
	void publishTrackedWithoutAsynchronousSubscribersIsAlreadyComplete() {
		MessageBus publisher = new MessageBus(this.deliveryThreads);
		assertThat(publisher.publishTracked(streaming(1))).isCompleted();
		publisher.close();
	}

	@Test
	void inASessionEveryRequestIsSeenCreatedBeforeItFinishes() {
		FunctionNode<Integer> leaf = FunctionNode.of("leaf", (Integer i) -> i);
		FunctionNode<Integer> branch = FunctionNode.of("branch", (Integer i) -> call(leaf, i)
				+ callAsync(leaf, i).join() + callBatch(leaf, List.of(i, i)).stream().mapToInt(Integer::intValue).sum());
		FunctionNode<List<Integer>> root = FunctionNode.of("root",
				() -> callBatch(branch, IntStream.range(0, 20).boxed().toList()));
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(NO_SAVE)) {
			session.publisher().subscribe(messages::add, "recorder");
			session.runSync(root);
		}
		Map<String, Integer> created = new HashMap<>();
		Map<String, Integer> finished = new HashMap<>();
		for (int i = 0; i < messages.size(); i++) {
			RequestCompletionMessage message = messages.get(i);
			if (message instanceof RequestCreation) {
				assertThat(created.put(message.requestId(), i)).as("created once").isNull();
			}
			else if (message instanceof RequestSuccess || message instanceof RequestFailure) {
				assertThat(finished.put(message.requestId(), i)).as("finished once").isNull();
			}
		}
		assertThat(created).hasSize(1 + 20 * 5);
		assertThat(finished.keySet()).isEqualTo(created.keySet());
		created.forEach((request, index) -> assertThat(index).as("creation before completion of %s", request)
			.isLessThan(finished.get(request)));
	}

	private static Streaming streaming(Object item) {
		return new Streaming("session", null, null, "session", item, Instant.now());
	}

	private static Object item(RequestCompletionMessage message) {
		return ((Streaming) message).item();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
