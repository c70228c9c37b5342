package dev.railtracks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.Streaming;

import static dev.railtracks.Railtracks.broadcast;
import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Railtracks#broadcast} and {@link ExecutorConfig#subscriber()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BroadcastTests {

	static final FunctionNode<Double> STREAMER = FunctionNode.of("streamer", () -> {
		double x = ThreadLocalRandom.current().nextDouble();
		broadcast(String.valueOf(x));
		return x;
	});

	@Test
	void theSubscriberReceivesTheBroadcastItem() {
		List<Object> received = new CopyOnWriteArrayList<>();
		try (Session session = new Session(config(received::add))) {
			double x = (Double) session.runSync(STREAMER).answer();
			assertThat(x).isBetween(0.0, 1.0);
			assertThat(received).containsExactly(String.valueOf(x));
		}
	}

	@Test
	void aSlowSubscriberHasTheItemBeforeTheCallerGetsTheResult() {
		List<Object> received = new CopyOnWriteArrayList<>();
		Consumer<Object> slow = (item) -> {
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			received.add(item);
		};
		FunctionNode<String> child = FunctionNode.of("child", (String item) -> {
			broadcast(item);
			return item;
		});
		FunctionNode<List<Boolean>> parent = FunctionNode.of("parent", () -> {
			List<Boolean> deliveredBeforeReturn = new ArrayList<>();
			String item = call(child, "sync");
			deliveredBeforeReturn.add(received.contains(item));
			item = callAsync(child, "async").join();
			deliveredBeforeReturn.add(received.contains(item));
			for (String each : callBatch(child, List.of("batch-1", "batch-2"))) {
				deliveredBeforeReturn.add(received.contains(each));
			}
			broadcast("from parent");
			return deliveredBeforeReturn;
		});
		try (Session session = new Session(config(slow))) {
			assertThat(session.runSync(parent).answer()).isEqualTo(List.of(true, true, true, true));
			assertThat(received).contains("from parent");
		}
	}

	@Test
	void broadcastsOfOneNodeArriveInTheirOrder() {
		List<Object> received = new CopyOnWriteArrayList<>();
		FunctionNode<String> counter = FunctionNode.of("counter", () -> {
			for (int i = 0; i < 100; i++) {
				broadcast(i);
			}
			return "counted";
		});
		try (Session session = new Session(config(received::add))) {
			session.runSync(counter);
			assertThat(received).hasSize(100).isSorted();
		}
	}

	@ParameterizedTest
	@CsvSource({ "3, 3", "1, 15", "4, 25", "2, 15" })
	void everyBroadcastOfATreeOfParallelChildrenIsReceived(int rounds, int parallel) {
		List<Object> received = new CopyOnWriteArrayList<>();
		FunctionNode<List<Double>> tree = FunctionNode.of("tree", () -> {
			List<Double> results = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				List<CompletableFuture<Double>> calls = new ArrayList<>();
				for (int i = 0; i < parallel; i++) {
					calls.add(callAsync(STREAMER));
				}
				calls.forEach((each) -> results.add(each.join()));
			}
			results.forEach((result) -> broadcast(String.valueOf(result)));
			return results;
		});
		try (Session session = new Session(config(received::add))) {
			@SuppressWarnings("unchecked")
			List<Double> results = (List<Double>) session.runSync(tree).answer();
			assertThat(results).hasSize(rounds * parallel);
			assertThat(received).hasSize(2 * rounds * parallel);
			Set<Object> expected = new HashSet<>();
			results.forEach((result) -> expected.add(String.valueOf(result)));
			assertThat(new HashSet<>(received)).isEqualTo(expected);
		}
	}

	@Test
	void aThrowingSubscriberDoesNotBreakTheRunNorOtherSubscribers() {
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		Consumer<Object> throwing = (item) -> {
			throw new IllegalStateException("subscriber broke on " + item);
		};
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			broadcast("one");
			return call(FunctionNode.of("child", () -> {
				broadcast("two");
				return "done";
			}));
		});
		try (Session session = new Session(config(throwing))) {
			session.publisher().subscribe(messages::add, "recorder");
			assertThat(session.runSync(parent).answer()).isEqualTo("done");
		}
		assertThat(messages).filteredOn(Streaming.class::isInstance)
			.extracting((message) -> ((Streaming) message).item())
			.containsExactly("one", "two");
		assertThat(messages).hasSize(2 + 2 + 2);
	}

	@Test
	void aStreamingMessageNamesTheBroadcastingNodeAndItsRequest() {
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(config(null))) {
			session.publisher().subscribeSynchronous(messages::add, "recorder");
			session.runSync(STREAMER);
			String requestId = session.info().insertionRequests().get(0).identifier();
			String nodeId = session.info().insertionRequests().get(0).sinkId();
			assertThat(messages).filteredOn(Streaming.class::isInstance)
				.singleElement()
				.satisfies((message) -> {
					assertThat(message.sessionId()).isEqualTo(session.identifier());
					assertThat(message.requestId()).isEqualTo(requestId);
					assertThat(message.parentNodeId()).isEqualTo(nodeId);
					assertThat(message.nodeName()).isEqualTo("streamer");
				});
		}
	}

	@Test
	@SuppressWarnings("try") // the session only has to be current
	void closeDeliversBroadcastsMadeOutsideANode() {
		List<Object> received = new CopyOnWriteArrayList<>();
		Consumer<Object> slow = (item) -> {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			received.add(item);
		};
		try (Session session = new Session(config(slow))) {
			for (int i = 0; i < 10; i++) {
				broadcast(i);
			}
		}
		assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	}

	@Test
	void broadcastAfterCloseFails() {
		Session session = new Session(config(null));
		session.close();
		assertThatThrownBy(() -> broadcast("late")).isInstanceOf(ContextException.class);
		assertThat(session.publisher().isRunning()).isFalse();
	}

	private static ExecutorConfig config(Consumer<Object> subscriber) {
		return noSave().subscriber(subscriber).build();
	}

}
