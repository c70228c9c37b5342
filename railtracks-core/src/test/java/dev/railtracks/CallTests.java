package dev.railtracks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.LinkedNode;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Railtracks#call} and {@link Railtracks#callAsync}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallTests {

	static final FunctionNode<String> UPPER = FunctionNode.of("upper", (String s) -> s.toUpperCase());

	static final FunctionNode<String> MIDDLE = FunctionNode.of("middle", (String s) -> call(UPPER, s) + "!");

	static final FunctionNode<String> TOP = FunctionNode.of("top", (String s) -> call(MIDDLE, s) + call(MIDDLE, s));

	@Test
	void nestedSynchronousCallsReturnTheChildResults() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(TOP, "ab").answer()).isEqualTo("AB!AB!");
		}
	}

	@Test
	void nestedSynchronousCallsAreRecordedAsRequestsFromTheCallingNode() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(TOP, "ab");
			Map<String, LinkedNode> nodes = info.nodeForest().heads();
			assertThat(nodes).hasSize(5);
			assertThat(info.requestForest().size()).isEqualTo(5);
			assertThat(info.requestForest().openRequests()).isEmpty();
			Map<String, String> nameOfNode = nodes.values()
				.stream()
				.collect(Collectors.toMap(LinkedNode::identifier, LinkedNode::name));
			List<String> edges = new ArrayList<>();
			for (RequestTemplate request : info.requestForest().heads().values()) {
				String source = (request.sourceId() != null) ? nameOfNode.get(request.sourceId()) : "START";
				edges.add(source + "->" + request.sinkName());
				assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
			}
			assertThat(edges).containsExactlyInAnyOrder("START->top", "top->middle", "top->middle", "middle->upper",
					"middle->upper");
			RequestTemplate top = info.insertionRequests().get(0);
			assertThat(info.requestForest().children(top.sinkId())).extracting(RequestTemplate::output)
				.containsExactly("AB!", "AB!");
		}
	}

	@Test
	void aChildRequestRecordsItsArgumentsAndOutput() {
		FunctionNode<Integer> add = FunctionNode.of("add", (Integer a, Integer b) -> a + b);
		FunctionNode<Integer> parent = FunctionNode.of("parent", () -> call(add, 2, 40));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			RequestTemplate child = info.requestForest()
				.heads()
				.values()
				.stream()
				.filter((request) -> request.sinkName().equals("add"))
				.findFirst()
				.orElseThrow();
			assertThat(child.inputArgs()).containsExactly(2, 40);
			assertThat(child.output()).isEqualTo(42);
			assertThat(child.sourceId()).isEqualTo(info.insertionRequests().get(0).sinkId());
		}
	}

	@Test
	void callAcceptsANodeClass() {
		FunctionNode<String> parent = FunctionNode.of("parent", (String who) -> call(Shout.class, who));
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent, "hey").answer()).isEqualTo("HEY");
		}
	}

	@Test
	void callOnTheSessionThreadOutsideANodeIsATopLevelCallOfThatSession() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(call(UPPER, "x")).isEqualTo("X");
			assertThat(call(UPPER, "y")).isEqualTo("Y");
			assertThat(session.info().insertionRequests()).hasSize(2);
			assertThat(session.info().answer()).isEqualTo(List.of("X", "Y"));
		}
	}

	@Test
	void callAsyncRunsTheChildOnAnotherThreadAndCompletesWithItsResult() {
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<String> child = FunctionNode.of("child", (String s) -> {
			release.await();
			return Thread.currentThread().getName() + ":" + s;
		});
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> {
			CompletableFuture<String> first = callAsync(child, "a");
			CompletableFuture<String> second = callAsync(child, "b");
			// Both children are blocked until the parent goes on: they cannot be running on the parent's thread.
			assertThat(first).isNotDone();
			release.countDown();
			return List.of(Thread.currentThread().getName(), first.join(), second.join());
		});
		try (Session session = new Session(NO_SAVE)) {
			@SuppressWarnings("unchecked")
			List<String> answer = (List<String>) session.runSync(parent).answer();
			String parentThread = answer.get(0);
			assertThat(answer.get(1)).endsWith(":a").doesNotStartWith(parentThread + ":");
			assertThat(answer.get(2)).endsWith(":b").doesNotStartWith(parentThread + ":");
			ExecutionInfo info = session.info();
			String parentId = info.insertionRequests().get(0).sinkId();
			assertThat(info.requestForest().children(parentId)).hasSize(2)
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED));
		}
	}

	@Test
	void callAsyncCompletesExceptionallyWithTheChildsOwnFailure() {
		UnsupportedOperationException boom = new UnsupportedOperationException("nope");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw boom;
		});
		AtomicReference<Throwable> seen = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return callAsync(child).join();
			}
			catch (CompletionException ex) {
				seen.set(ex.getCause());
				return "recovered";
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("recovered");
		}
		assertThat(seen).hasValue(boom);
	}

	@Test
	void callAsyncOnTheSessionThreadStartsATopLevelRun() throws Exception {
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<String> result = callAsync(MIDDLE, "q");
			assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("Q!");
			assertThat(session.info().insertionRequests()).singleElement()
				.satisfies((request) -> assertThat(request.sinkName()).isEqualTo("middle"));
		}
	}

	@Test
	void callAsyncAcceptsANodeClass() {
		FunctionNode<String> parent = FunctionNode.of("parent", () -> callAsync(Shout.class, "async").join());
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("ASYNC");
		}
	}

	@Test
	void callOutsideAnySessionRunsInATemporarySessionThatIsClosedAndSavedAfterwards() throws IOException {
		AtomicReference<String> sessionId = new AtomicReference<>();
		FunctionNode<String> node = FunctionNode.of("outside", (String s) -> {
			sessionId.set(Railtracks.sessionId());
			return call(UPPER, s);
		});
		Path saved = null;
		try {
			assertThat(call(node, "free")).isEqualTo("FREE");
			assertThat(sessionId.get()).isNotNull();
			saved = DefaultStateDirectory.path().resolve("_" + sessionId.get() + ".json");
			assertThat(saved).exists();
			assertThatExceptionOfType(ContextException.class).isThrownBy(Railtracks::context);
		}
		finally {
			DefaultStateDirectory.delete(saved);
		}
	}

	@Test
	void callsOutsideAnySessionEachGetTheirOwnTemporarySession() throws IOException {
		FunctionNode<String> id = FunctionNode.of("whoami", Railtracks::sessionId);
		String first = null;
		String second = null;
		try {
			first = call(id);
			second = call(id);
			assertThat(first).isNotEqualTo(second);
		}
		finally {
			for (String each : new String[] { first, second }) {
				if (each != null) {
					DefaultStateDirectory.delete(DefaultStateDirectory.path().resolve("_" + each + ".json"));
				}
			}
		}
	}

	@Test
	void nullNodeDefinitionIsANodeCreationException() {
		AtomicReference<Throwable> fromCall = new AtomicReference<>();
		AtomicReference<Throwable> fromCallAsync = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			fromCall.set(catchThrowable(() -> call((NodeDefinition<String>) null, "x")));
			fromCallAsync.set(catchThrowable(() -> callAsync((NodeDefinition<String>) null, "x")));
			return "done";
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("done");
			assertThat(fromCall.get()).isInstanceOf(NodeCreationException.class).hasMessageContaining("must not be null");
			assertThat(fromCallAsync.get()).isInstanceOf(NodeCreationException.class);
			assertThatThrownBy(() -> session.runSync((NodeDefinition<String>) null))
				.isInstanceOf(NodeCreationException.class);
			assertThatThrownBy(() -> session.runSync((Class<Shout>) null)).isInstanceOf(NodeCreationException.class);
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

	@Test
	void creationFailureOfAChildIsThrownToTheParentAndNothingIsRecordedForIt() {
		AtomicReference<Throwable> seen = new AtomicReference<>();
		AtomicReference<Throwable> seenAsync = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			seen.set(catchThrowable(() -> call(UPPER, 42)));
			seenAsync.set(catchThrowable(() -> callAsync(UPPER, 42)));
			return "went on";
		});
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("went on");
			assertThat(seen.get()).isInstanceOf(NodeCreationException.class).hasMessageContaining("upper");
			assertThat(seenAsync.get()).isInstanceOf(NodeCreationException.class).hasMessageContaining("upper");
			assertThat(info.requestForest().size()).isEqualTo(1);
			assertThat(info.nodeForest().size()).isEqualTo(1);
		}
	}

	@Test
	void creationFailureOfTheStartNodeIsThrownAndNothingIsRecorded() {
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(UPPER, 1, 2)).isInstanceOf(NodeCreationException.class)
				.hasMessageContaining("upper");
			assertThatThrownBy(() -> session.run(UPPER, 1)).isInstanceOf(NodeCreationException.class);
			assertThat(session.info().requestForest().size()).isZero();
			assertThat(session.info().allStamps()).isEmpty();
		}
	}

	@Test
	void aMultiLevelChainEchoesItsInputInSeparateSessions() {
		Function<Integer, FunctionNode<String>> level = new Function<>() {
			@Override
			public FunctionNode<String> apply(Integer depth) {
				if (depth == 0) {
					return FunctionNode.of("leaf", (String s) -> s);
				}
				FunctionNode<String> next = apply(depth - 1);
				return FunctionNode.of("level" + depth, (String s) -> call(next, s));
			}
		};
		FunctionNode<String> chain = level.apply(3);
		for (int i = 0; i < 2; i++) {
			try (Session session = new Session(NO_SAVE)) {
				assertThat(session.runSync(chain, "echo").answer()).isEqualTo("echo");
				assertThat(session.info().nodeForest().size()).isEqualTo(4);
			}
		}
	}

	@Test
	void callAsyncOutsideAnySessionRunsInATemporarySession() throws Exception {
		AtomicReference<String> sessionId = new AtomicReference<>();
		FunctionNode<String> node = FunctionNode.of("detached", (String s) -> {
			sessionId.set(Railtracks.sessionId());
			return s + s;
		});
		Path saved = null;
		try {
			assertThat(callAsync(node, "ab").get(30, TimeUnit.SECONDS)).isEqualTo("abab");
			saved = DefaultStateDirectory.path().resolve("_" + sessionId.get() + ".json");
			assertThat(saved).exists();
		}
		catch (ExecutionException ex) {
			throw new AssertionError(ex.getCause());
		}
		finally {
			DefaultStateDirectory.delete(saved);
		}
	}

	private static Throwable catchThrowable(Runnable action) {
		try {
			action.run();
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	@Test
	void aCallAsyncTheStrategyRefusesIsRecordedAsFailedAndReachesTheCaller() {
		AtomicBoolean refuse = new AtomicBoolean();
		RejectedExecutionException refusal = new RejectedExecutionException("no threads left");
		ExecutionStrategy refusing = ExecutionStrategy.of("refusing", (task) -> {
			if (refuse.get()) {
				throw refusal;
			}
			ExecutionStrategy.platformThreads().execute(task);
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			refuse.set(true);
			try {
				return callAsync(UPPER, "x").join();
			}
			catch (RejectedExecutionException ex) {
				return "refused: " + ex.getMessage();
			}
		});
		try (Session session = new Session(NO_SAVE.toBuilder().executionStrategy(refusing).build())) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("refused: no threads left");
			RequestTemplate refused = info.requestForest()
				.heads()
				.values()
				.stream()
				.filter((request) -> request.sinkName().equals("upper"))
				.findFirst()
				.orElseThrow();
			assertThat(refused.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(refused.output()).isEqualTo(new dev.railtracks.info.Failure(refusal));
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
	}

	/** A class-based node. */
	static class Shout extends Node<String> {

		private final String text;

		Shout(String text) {
			this.text = text;
		}

		@Override
		public String invoke() {
			return this.text.toUpperCase();
		}

	}

}
