package dev.railtracks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.pubsub.FatalFailure;
import dev.railtracks.pubsub.RequestCompletionMessage;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ExecutorConfig#endOnError()}, {@link FatalException} and {@link NodeInvocationException}: how node
 * failures reach callers and when they end the run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailurePolicyTests {

	static final ExecutorConfig END_ON_ERROR = NO_SAVE.toBuilder().endOnError(true).build();

	@Test
	void anUncheckedFailureReachesTheCallerAsTheSameInstanceAndIsRecordedAsFailed() {
		CustomTestError error = new CustomTestError("child broke");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw error;
		});
		AtomicReference<Throwable> seenByParent = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return call(child);
			}
			catch (CustomTestError ex) {
				seenByParent.set(ex);
				throw ex;
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(error);
			assertThat(seenByParent).hasValue(error);
			ExecutionInfo info = session.info();
			assertThat(info.requestForest().heads().values()).hasSize(2).allSatisfy((request) -> {
				assertThat(request.status()).isEqualTo(RequestStatus.FAILED);
				assertThat(request.output()).isEqualTo(new Failure(error));
			});
		}
	}

	@Test
	void aParentCatchesItsChildsErrorAndGoesOn() {
		CustomTestError error = new CustomTestError("child broke");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw error;
		});
		FunctionNode<String> parent = catching(CustomTestError.class, child);
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("Caught the error");
			RequestTemplate top = info.insertionRequests().get(0);
			assertThat(top.status()).isEqualTo(RequestStatus.COMPLETED);
			assertThat(info.requestForest().children(top.sinkId())).singleElement()
				.satisfies((request) -> assertThat(request.output()).isEqualTo(new Failure(error)));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 5, 9, 14 })
	void aParentRetriesAFailingChildAndEveryAttemptIsRecorded(int attempts) {
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw new CustomTestError("again");
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			for (int i = 0; i < attempts; i++) {
				try {
					return call(child);
				}
				catch (CustomTestError ex) {
					// retry
				}
			}
			return "Caught the error";
		});
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("Caught the error");
			String parentId = info.insertionRequests().get(0).sinkId();
			assertThat(info.requestForest().children(parentId)).hasSize(attempts)
				.allSatisfy((request) -> assertThat(request.output()).isInstanceOfSatisfying(Failure.class,
						(failure) -> assertThat(failure.exception()).isInstanceOf(CustomTestError.class)));
		}
	}

	@Test
	void parallelFailuresAreReturnedToTheParentEachAsItsOwnInstance() {
		FunctionNode<String> child = FunctionNode.of("child", (Integer i) -> {
			throw new CustomTestError("child " + i);
		});
		FunctionNode<List<Throwable>> parent = FunctionNode.of("parent", () -> {
			List<CompletableFuture<String>> calls = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				calls.add(callAsync(child, i));
			}
			List<Throwable> errors = new ArrayList<>();
			for (CompletableFuture<String> each : calls) {
				try {
					each.join();
				}
				catch (CompletionException ex) {
					errors.add(ex.getCause());
				}
			}
			return errors;
		});
		try (Session session = new Session(NO_SAVE)) {
			@SuppressWarnings("unchecked")
			List<Throwable> errors = (List<Throwable>) session.runSync(parent).answer();
			assertThat(errors).hasSize(30).allSatisfy((error) -> assertThat(error).isInstanceOf(CustomTestError.class));
			assertThat(errors).extracting(Throwable::getMessage).doesNotHaveDuplicates();
		}
	}

	@Test
	void withEndOnErrorTheTopLevelFailsWithTheChildsErrorEvenWhenTheParentCaughtIt() throws InterruptedException {
		CustomTestError error = new CustomTestError("child broke");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw error;
		});
		CountDownLatch parentCaught = new CountDownLatch(1);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return call(child);
			}
			catch (CustomTestError ex) {
				parentCaught.countDown();
				return "Caught the error";
			}
		});
		try (Session session = new Session(END_ON_ERROR)) {
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(error);
			// The run ends as the child fails; the parent catches the error right after.
			assertThat(parentCaught.await(10, TimeUnit.SECONDS)).isTrue();
			RequestTemplate top = session.info().insertionRequests().get(0);
			assertThat(top.status()).isEqualTo(RequestStatus.FAILED);
		}
	}

	@Test
	void withEndOnErrorTheEndedRunRefusesFurtherCalls() throws InterruptedException {
		CustomTestError error = new CustomTestError("child broke");
		FunctionNode<String> failing = FunctionNode.of("failing", () -> {
			throw error;
		});
		AtomicInteger laterInvocations = new AtomicInteger();
		FunctionNode<String> later = FunctionNode.of("later", () -> "" + laterInvocations.incrementAndGet());
		AtomicReference<Throwable> refused = new AtomicReference<>();
		CountDownLatch parentEnded = new CountDownLatch(1);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				call(failing);
			}
			catch (CustomTestError ex) {
				// caught, but the run is over
			}
			try {
				return call(later);
			}
			catch (RuntimeException ex) {
				refused.set(ex);
				throw ex;
			}
			finally {
				parentEnded.countDown();
			}
		});
		try (Session session = new Session(END_ON_ERROR)) {
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(error);
			assertThat(parentEnded.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(refused).hasValue(error);
		assertThat(laterInvocations).hasValue(0);
	}

	@Test
	void withEndOnErrorACreationErrorIsNotFatal() {
		FunctionNode<String> child = FunctionNode.of("child", (String s) -> s);
		FunctionNode<String> parent = catching(NodeCreationException.class, child, 1);
		try (Session session = new Session(END_ON_ERROR)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("Caught the error");
		}
	}

	@Test
	void aFatalExceptionEndsTheRunEvenWithoutEndOnError() {
		FatalException fatal = new FatalException("unrecoverable");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw fatal;
		});
		FunctionNode<String> parent = catching(FatalException.class, child);
		List<RequestCompletionMessage> messages = new CopyOnWriteArrayList<>();
		try (Session session = new Session(NO_SAVE)) {
			session.publisher().subscribeSynchronous(messages::add, "test");
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(fatal);
		}
		assertThat(messages).filteredOn(FatalFailure.class::isInstance)
			.singleElement()
			.satisfies((message) -> assertThat(((FatalFailure) message).error()).isSameAs(fatal));
	}

	@Test
	void aFatalNodeInvocationExceptionEndsTheRun() {
		NodeInvocationException fatal = new NodeInvocationException("model missing", null, true);
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw fatal;
		});
		FunctionNode<String> parent = catching(NodeInvocationException.class, child);
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(parent)).isSameAs(fatal);
			assertThat(session.info().insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);
		}
	}

	@Test
	void aNonFatalNodeInvocationExceptionCanBeCaught() {
		NodeInvocationException notFatal = new NodeInvocationException("retry me", new IllegalStateException());
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw notFatal;
		});
		FunctionNode<String> parent = catching(NodeInvocationException.class, child);
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("Caught the error");
		}
	}

	@Test
	void aFatalFailureEndsOnlyItsOwnRunAndTheSessionGoesOn() {
		FatalException error = new FatalException("this run only");
		FunctionNode<String> fatal = FunctionNode.of("fatal", () -> {
			throw error;
		});
		FunctionNode<String> fine = FunctionNode.of("fine", () -> "fine");
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(fatal)).isSameAs(error);
			assertThat(session.runSync(fine).answer()).isEqualTo(List.of(new Failure(error), "fine"));
		}
	}

	@Test
	void aCheckedFailureOfAChildReachesTheParentWrappedWithTheCause() {
		Exception checked = new Exception("checked");
		FunctionNode<String> child = FunctionNode.of("child", () -> {
			throw checked;
		});
		AtomicReference<Throwable> seen = new AtomicReference<>();
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return call(child);
			}
			catch (NodeInvocationException ex) {
				seen.set(ex);
				return "caught";
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("caught");
		}
		assertThat(seen.get()).hasMessageContaining("child");
		assertThat(seen.get().getCause()).isSameAs(checked);
		assertThat(((NodeInvocationException) seen.get()).isFatal()).isFalse();
	}

	/** A parent that calls {@code child} and answers "Caught the error" when the call throws {@code type}. */
	private static FunctionNode<String> catching(Class<? extends RuntimeException> type, FunctionNode<String> child,
			Object... args) {
		return FunctionNode.of("parent", () -> {
			try {
				return call(child, args);
			}
			catch (RuntimeException ex) {
				if (type.isInstance(ex)) {
					return "Caught the error";
				}
				throw ex;
			}
		});
	}

	/** A failure of the tests' own type. */
	static class CustomTestError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		CustomTestError(String message) {
			super(message);
		}

	}

}
