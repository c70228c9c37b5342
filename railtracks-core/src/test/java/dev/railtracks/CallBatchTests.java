package dev.railtracks;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Railtracks#callBatch}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallBatchTests {

	static final FunctionNode<String> UPPER = FunctionNode.of("upper", (String s) -> s.toUpperCase());

	@Test
	void resultsComeInInputOrderEvenWhenLaterInputsFinishFirst() {
		int size = 8;
		CountDownLatch othersDone = new CountDownLatch(size - 1);
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> {
			if (i == 0) {
				// The first input finishes last.
				othersDone.await();
			}
			else {
				othersDone.countDown();
			}
			return i * 10;
		});
		FunctionNode<List<Integer>> parent = FunctionNode.of("parent",
				() -> callBatch(child, IntStream.range(0, size).boxed().toList()));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo(List.of(0, 10, 20, 30, 40, 50, 60, 70));
			String parentId = info.insertionRequests().get(0).sinkId();
			List<RequestTemplate> children = info.requestForest().children(parentId);
			assertThat(children).hasSize(size)
				.allSatisfy((request) -> assertThat(request.output()).isEqualTo((Integer) request.inputArgs().get(0) * 10));
		}
	}

	@Test
	void severalInputSequencesAreZippedAndTheShortestDecides() {
		FunctionNode<String> join = FunctionNode.of("join", (Integer n, String s) -> s.repeat(n));
		FunctionNode<List<String>> parent = FunctionNode.of("parent",
				() -> callBatch(join, List.of(1, 2, 3), List.of("a", "b")));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo(List.of("a", "bb"));
			assertThat(info.requestForest().size()).isEqualTo(3);
		}
	}

	@Test
	void theFailureOfTheFirstFailedInputIsThrownAfterAllCallsFinished() {
		IllegalStateException first = new IllegalStateException("first in input order");
		IllegalStateException second = new IllegalStateException("first in time");
		CountDownLatch secondFailed = new CountDownLatch(1);
		CountDownLatch bothFailing = new CountDownLatch(2);
		AtomicBoolean slowFinished = new AtomicBoolean();
		FunctionNode<String> child = FunctionNode.of("child", (String mode) -> {
			switch (mode) {
				case "fail-late" -> {
					secondFailed.await();
					bothFailing.countDown();
					throw first;
				}
				case "fail-now" -> {
					secondFailed.countDown();
					bothFailing.countDown();
					throw second;
				}
				case "slow" -> {
					bothFailing.await();
					Thread.sleep(50);
					slowFinished.set(true);
					return "slow";
				}
				default -> {
					return mode;
				}
			}
		});
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean slowFinishedWhenThrown = new AtomicBoolean();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				callBatch(child, List.of("ok", "fail-late", "slow", "fail-now"));
				return "no failure";
			}
			catch (RuntimeException ex) {
				slowFinishedWhenThrown.set(slowFinished.get());
				thrown.set(ex);
				return "caught";
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("caught");
			assertThat(thrown).hasValue(first);
			assertThat(slowFinishedWhenThrown).isTrue();
			String parentId = info.insertionRequests().get(0).sinkId();
			assertThat(info.requestForest().children(parentId)).extracting(RequestTemplate::output)
				.containsExactly("ok", new Failure(first), "slow", new Failure(second));
		}
	}

	@Test
	void aCreationErrorForOneInputMeansNoCallIsRecordedOrStarted() {
		AtomicInteger invocations = new AtomicInteger();
		FunctionNode<String> child = FunctionNode.of("child", (String s) -> {
			invocations.incrementAndGet();
			return s;
		});
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				callBatch(child, List.of("a", "b", 3, "d"));
				return "no failure";
			}
			catch (NodeCreationException ex) {
				thrown.set(ex);
				return "caught";
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("caught");
			assertThat(thrown.get()).hasMessageContaining("'child'").hasMessageContaining("Integer 3");
			assertThat(invocations).hasValue(0);
			assertThat(info.requestForest().size()).isEqualTo(1);
			assertThat(info.nodeForest().size()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aBatchIsStillRunWhenTheStrategyRefusesExtraThreads(boolean inlineSynchronousCalls) {
		AtomicBoolean refuse = new AtomicBoolean();
		ExecutionStrategy refusing = ExecutionStrategy.of("refusing", (task) -> {
			if (refuse.get()) {
				throw new RejectedExecutionException("no thread left");
			}
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			thread.start();
		});
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i * 2);
		FunctionNode<List<Integer>> parent = FunctionNode.of("parent", () -> {
			refuse.set(true);
			return callBatch(child, IntStream.range(0, 100).boxed().toList());
		});
		ExecutorConfig config = NO_SAVE.toBuilder()
			.executionStrategy(refusing)
			.inlineSynchronousCalls(inlineSynchronousCalls)
			.build();
		try (Session session = new Session(config)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo(IntStream.range(0, 100).map((i) -> i * 2).boxed().toList());
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	void anEmptyBatchReturnsAnEmptyList() {
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> callBatch(UPPER, List.of()));
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo(List.of());
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

	@Test
	void nullInputsAreRefused() {
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> callBatch(UPPER, (Iterable<?>) null));
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(parent)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("inputs");
		}
	}

	@Test
	void aBatchOnTheSessionThreadRunsParallelTopLevelCalls() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(callBatch(UPPER, List.of("x", "y", "z"))).containsExactly("X", "Y", "Z");
			assertThat(session.info().insertionRequests()).hasSize(3)
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED));
		}
	}

	@Test
	void aCreationErrorInATopLevelBatchMeansNoCallIsRecordedOrStarted() {
		AtomicInteger invocations = new AtomicInteger();
		FunctionNode<String> child = FunctionNode.of("child", (String s) -> {
			invocations.incrementAndGet();
			return s;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> callBatch(child, List.of("a", "b", 3, "d")))
				.withMessageContaining("'child'")
				.withMessageContaining("Integer 3");
			assertThat(session.info().requestForest().size()).isZero();
			assertThat(invocations).hasValue(0);
		}
	}

	@Test
	void aFailedTopLevelBatchThrowsTheFirstFailureInInputOrder() {
		FunctionNode<String> picky = FunctionNode.of("picky", (String s) -> {
			if (s.startsWith("bad")) {
				throw new IllegalArgumentException(s);
			}
			return s;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> callBatch(picky, List.of("good", "bad1", "bad2")))
				.withMessage("bad1");
			assertThat(session.info().requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	void theChildrenOfABatchTakeTheirFirstStepsInInputOrderWhicheverWorkerRecordsThem() {
		int size = 1_000;
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i);
		FunctionNode<Integer> parent = FunctionNode.of("parent",
				() -> callBatch(child, IntStream.range(0, size).boxed().toList()).size());
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			String parentId = info.insertionRequests().get(0).sinkId();
			List<RequestTemplate> children = info.requestForest().children(parentId);
			long firstStep = children.get(0).parent().stamp().step();
			// As when every child was recorded before the first one ran: consecutive steps, then the finishes.
			assertThat(children).extracting((request) -> request.parent().stamp().step() - firstStep)
				.containsExactlyElementsOf(IntStream.range(0, size).asLongStream().boxed().toList());
			assertThat(children).allSatisfy((request) -> assertThat(request.stamp().step()).isGreaterThanOrEqualTo(
					firstStep + size));
		}
	}

	@Test
	void childrenOfABatchAreRecordedUnderTheCallingNodeWithTheirInputs() {
		FunctionNode<List<String>> parent = FunctionNode.of("parent", (List<String> words) -> callBatch(UPPER, words));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent, List.of("a", "b", "c"));
			String parentId = info.insertionRequests().get(0).sinkId();
			assertThat(info.requestForest().children(parentId)).extracting((request) -> request.inputArgs().get(0))
				.containsExactly("a", "b", "c");
			assertThat(info.answer()).isEqualTo(List.of("A", "B", "C"));
		}
	}

}
