package dev.railtracks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the typed front door, {@link Session#call} and {@link Session#callAsync}: the node's result as its own type,
 * with everything else as {@link Session#runSync}.
 */
class SessionCallTests {

	@Test
	void returnsTheNodesResultTypedAndRecordsTheRunAsRunSyncDoes() {
		FunctionNode<Map<String, List<Integer>>> lengths = FunctionNode.of("lengths",
				(String word) -> Map.of(word, List.of(word.length())));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			Map<String, List<Integer>> result = session.call(lengths, "abc");
			assertThat(result).isEqualTo(Map.of("abc", List.of(3)));
			ExecutionInfo info = session.info();
			assertThat(info.answer()).isEqualTo(result);
			assertThat(info.requestForest().heads().values()).singleElement()
				.satisfies((request) -> assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED));
		}
	}

	@Test
	void aNodeClassIsCalledThroughItsDefinition() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			String result = session.call(Echo.class, "hi");
			assertThat(result).isEqualTo("hi!");
		}
	}

	@Test
	void theNodesFailureReachesTheCallerAsRunSyncThrowsIt() {
		IllegalStateException failure = new IllegalStateException("broken");
		FunctionNode<String> failing = FunctionNode.of("failing", () -> {
			throw failure;
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> session.call(failing))
				.isSameAs(failure);
			assertThat(session.info().requestForest().heads().values()).singleElement()
				.satisfies((request) -> assertThat(request.status()).isEqualTo(RequestStatus.FAILED));
		}
	}

	@Test
	void theTimeoutEndsTheCallWithGlobalTimeoutException() {
		FunctionNode<String> sleeper = FunctionNode.of("sleeper", () -> {
			Thread.sleep(5_000);
			return "late";
		});
		try (Session session = new Session(TestConfigs.noSave().timeout(Duration.ofMillis(200)).build())) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.call(sleeper));
		}
	}

	@Test
	void callAsyncCompletesWithTheTypedResultOrTheFailure() throws Exception {
		FunctionNode<Integer> length = FunctionNode.of("length", (String word) -> word.length());
		FunctionNode<Integer> failing = FunctionNode.of("failing", () -> {
			throw new IllegalStateException("broken");
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			CompletableFuture<Integer> result = session.callAsync(length, "four");
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(4);
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> session.callAsync(failing).join())
				.withCauseInstanceOf(IllegalStateException.class);
		}
	}

	@Test
	void argumentsThatDontFitTheNodeFailBeforeAnythingRuns() {
		FunctionNode<Integer> length = FunctionNode.of("length", (String word) -> word.length());
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> session.call(length, 1, 2));
		}
	}

	@Test
	void aNullNodeIsRejectedAsRunSyncRejectsItAndNothingIsRecorded() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.call((NodeDefinition<String>) null))
				.withMessage("Node definition must not be null");
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> session.callAsync(null))
				.withMessage("Node definition must not be null");
			assertThat(session.info().requestForest().heads()).isEmpty();
		}
	}

	@Test
	void aClosedSessionRefusesTheCall() {
		FunctionNode<String> hello = FunctionNode.of("hello", () -> "hello");
		Session session = new Session(TestConfigs.NO_SAVE);
		session.close();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> session.call(hello));
	}

	/** A node class that echoes its input with an exclamation mark. */
	static final class Echo extends Node<String> {

		private final String text;

		Echo(String text) {
			this.text = text;
		}

		@Override
		public String invoke() {
			return this.text + "!";
		}

	}

}
