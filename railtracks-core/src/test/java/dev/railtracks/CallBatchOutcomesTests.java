package dev.railtracks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.callBatchOutcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Railtracks#callBatchOutcomes}: every outcome in input order, failures as values, like the
 * original's {@code call_batch}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallBatchOutcomesTests {

	/** Halves even numbers; fails on odd ones, with a checked exception on 3. */
	static final FunctionNode<Integer> HALF = FunctionNode.of("half", (Integer n) -> {
		if (n == 3) {
			throw new IOException("three is odd");
		}
		if (n % 2 != 0) {
			throw new IllegalArgumentException(n + " is odd");
		}
		return n / 2;
	});

	@Test
	@SuppressWarnings("try") // the session is current while it is open: that is its use
	void aChildThatThrowsAnErrorCostsNoOtherChildItsResult() {
		FunctionNode<Integer> asserting = FunctionNode.of("asserting", (Integer n) -> {
			if (n == 2) {
				throw new AssertionError("two");
			}
			return n * 10;
		});
		FunctionNode<List<Outcome<Integer>>> parent = FunctionNode.of("parent",
				() -> callBatchOutcomes(asserting, List.of(1, 2, 3)));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			@SuppressWarnings("unchecked")
			List<Outcome<Integer>> outcomes = (List<Outcome<Integer>>) session.runSync(parent).answer();
			assertThat(outcomes).extracting(Outcome::succeeded).containsExactly(true, false, true);
			assertThat(outcomes.get(0).value()).isEqualTo(10);
			assertThat(outcomes.get(2).value()).isEqualTo(30);
			assertThat(outcomes.get(1).exception()).isInstanceOf(AssertionError.class).hasMessage("two");
			assertThatThrownBy(outcomes.get(1)::value).isSameAs(outcomes.get(1).exception());
		}
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			List<Outcome<Integer>> topLevel = callBatchOutcomes(asserting, List.of(1, 2, 3));
			assertThat(topLevel).extracting(Outcome::succeeded).containsExactly(true, false, true);
		}
	}

	@Test
	void insideANodeEveryOutcomeComesBackInInputOrderAndNoResultIsLost() {
		FunctionNode<List<Outcome<Integer>>> parent = FunctionNode.of("parent",
				() -> callBatchOutcomes(HALF, List.of(2, 1, 4, 3, 6)));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			@SuppressWarnings("unchecked")
			List<Outcome<Integer>> outcomes = (List<Outcome<Integer>>) info.answer();
			assertThat(outcomes).extracting(Outcome::succeeded).containsExactly(true, false, true, false, true);
			assertThat(outcomes.get(0).value()).isEqualTo(1);
			assertThat(outcomes.get(2).value()).isEqualTo(2);
			assertThat(outcomes.get(4).value()).isEqualTo(3);
			assertThat(outcomes.get(1).exception()).isInstanceOf(IllegalArgumentException.class).hasMessage("1 is odd");
			assertThat(outcomes.get(3).exception()).isInstanceOf(NodeInvocationException.class)
				.hasCauseInstanceOf(IOException.class);
			assertThatThrownBy(outcomes.get(1)::value).isSameAs(outcomes.get(1).exception());
			assertThat(outcomes.get(0).exception()).isNull();

			String parentId = info.insertionRequests().get(0).sinkId();
			assertThat(info.insertionRequests().get(0).status()).isEqualTo(RequestStatus.COMPLETED);
			assertThat(info.requestForest().children(parentId)).extracting(RequestTemplate::status)
				.containsExactlyInAnyOrder(RequestStatus.COMPLETED, RequestStatus.FAILED, RequestStatus.COMPLETED,
						RequestStatus.FAILED, RequestStatus.COMPLETED);
		}
	}

	@Test
	void severalSequencesAreZippedAndANodeReturningNullSucceedsWithNull() {
		FunctionNode<String> pick = FunctionNode.of("pick", (String a, Boolean keep) -> keep ? a : null);
		FunctionNode<List<Outcome<String>>> parent = FunctionNode.of("parent",
				() -> callBatchOutcomes(pick, List.of("a", "b", "c"), List.of(true, false)));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			@SuppressWarnings("unchecked")
			List<Outcome<String>> outcomes = (List<Outcome<String>>) session.runSync(parent).answer();
			assertThat(outcomes).containsExactly(new Outcome.Succeeded<>("a"), new Outcome.Succeeded<>(null));
		}
	}

	@Test
	void atTopLevelEachInputIsItsOwnRunAndFailedRunsAreOutcomes() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			List<Outcome<Integer>> outcomes = callBatchOutcomes(HALF, List.of(1, 8));
			assertThat(outcomes.get(0).exception()).hasMessage("1 is odd");
			assertThat(outcomes.get(1).value()).isEqualTo(4);
			assertThat(session.info().insertionRequests()).extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.FAILED, RequestStatus.COMPLETED);
		}
	}

	@Test
	@SuppressWarnings("try") // the session is current while it is open: that is its use
	void callBatchStillThrowsTheFirstFailureInInputOrder() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatThrownBy(() -> Railtracks.callBatch(HALF, List.of(2, 5, 7))).hasMessage("5 is odd");
		}
	}

	@Test
	@SuppressWarnings("try") // the session is current while it is open: that is its use
	void nullInputsAreRefusedNamingTheMethod() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatIllegalArgumentException().isThrownBy(() -> callBatchOutcomes(HALF, null))
				.withMessage("callBatchOutcomes inputs must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> callBatchOutcomes(HALF, List.of(1), (List<?>) null))
				.withMessage("callBatchOutcomes input sequences must not be null");
			assertThatIllegalArgumentException().isThrownBy(() -> new Outcome.Failed<Integer>(null))
				.withMessage("A failed outcome needs its exception");
		}
	}

	@Test
	void anInputThatDoesNotFitTheNodeMakesNoCall() {
		FunctionNode<Object> parent = FunctionNode.of("parent", () -> callBatchOutcomes(HALF, List.of(2, "two")));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(parent)).isInstanceOf(NodeCreationException.class);
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

}
