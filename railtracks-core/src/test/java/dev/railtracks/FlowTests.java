package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;

import static dev.railtracks.Railtracks.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Flow}: a named entry point bound to run options, one isolated session per invocation, typed
 * results, and the flow's name and id in the saved envelope and file name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlowTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	/** Greets the context's user: reads the flow's context and calls a child. */
	static final FunctionNode<String> GREET = FunctionNode.of("greet",
			(String greeting) -> greeting + " " + Railtracks.context().get("user") + " (" + call(TestNodes.LENGTH, greeting) + ")");

	private Flow.Builder<String> greeter() {
		return Flow.builder("greeter", GREET)
			.config(ExecutorConfig.builder().stateDirectory(this.directory).build())
			.context(Map.of("user", "alice"));
	}

	@Test
	void invokeReturnsTheTypedResultAndSavesTheFlowInTheEnvelopeAndFileName() throws IOException {
		Flow<String> flow = greeter().build();
		String greeting = flow.invoke("hello");
		assertThat(greeting).isEqualTo("hello alice (5)");

		List<Path> files = savedFiles();
		assertThat(files).hasSize(1);
		assertThat(files.get(0).getFileName().toString()).startsWith("greeter_").endsWith(".json");
		JsonNode saved = JSON.readTree(Files.readString(files.get(0)));
		assertThat(saved.propertyNames()).startsWith("flow_name", "flow_id", "session_id");
		assertThat(saved.get("flow_name").asString()).isEqualTo("greeter");
		assertThat(saved.get("flow_id").asString()).isEqualTo(flow.id());
		assertThat(files.get(0).getFileName().toString())
			.isEqualTo("greeter_" + saved.get("session_id").asString() + ".json");
		assertThat(saved.get("runs").get(0).get("nodes")).hasSize(2);
	}

	@Test
	void aDurableFlowRefusesToRunWithoutCheckpointsAndSaysWhereItRuns() throws IOException {
		Flow<String> flow = greeter().durable().build();
		assertThat(flow.durable()).isTrue();
		assertThat(flow.withContext(Map.of("user", "bob")).durable()).isTrue();
		assertThat(greeter().build().durable()).isFalse();
		assertThatThrownBy(() -> flow.invoke("hello")).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("Flow 'greeter' is durable: run it through its DurableFlow with an idempotency key")
			.hasMessageContaining("DurableFlows.get(\"greeter\")");
		assertThatThrownBy(() -> flow.run("hello")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> flow.invokeAsync("hello")).isInstanceOf(IllegalStateException.class);
		assertThat(savedFiles()).as("nothing ran").isEmpty();
	}

	@Test
	void theIdDependsOnTheNameAloneAndMatchesTheOriginalsEqualityHash() {
		// sha256 of json.dumps({"name": ...}, sort_keys=True), computed with Python.
		assertThat(Flow.of("my-agent", GREET).id())
			.isEqualTo("72fc5ee82448eb816524bac7f17cc7e0c43dc6be360e1b71c2d02be63d0a3afc");
		assertThat(Flow.idOf("café \"x\"\n\u2603"))
			.isEqualTo("ccc6b1f90d89381c4c9314a51dccf1ce99bec186a984143b87174dbbdcd96465");
		assertThat(greeter().timeout(Duration.ofSeconds(3)).build().id()).isEqualTo(Flow.of("greeter", GREET).id());
	}

	@Test
	void everyInvocationIsItsOwnSessionWithItsOwnCopyOfTheContext() throws IOException {
		FunctionNode<Integer> count = FunctionNode.of("count", () -> {
			int seen = (Integer) Railtracks.context().get("count") + 1;
			Railtracks.context().put("count", seen);
			return seen;
		});
		Flow<Integer> flow = Flow.builder("counter", count)
			.config(ExecutorConfig.builder().stateDirectory(this.directory).build())
			.context(Map.of("count", 0))
			.build();
		assertThat(flow.invoke()).isEqualTo(1);
		assertThat(flow.invoke()).isEqualTo(1);
		assertThat(flow.context()).containsEntry("count", 0);
		assertThat(savedFiles()).hasSize(2);
	}

	@Test
	void runKeepsTheExecutionInfoOfASuccessfulAndOfAFailedInvocation() {
		Flow<Integer> fail = Flow.builder("failing", TestNodes.FAIL).saveState(false).build();
		FlowRun<Integer> failed = fail.run("boom");
		assertThat(failed.outcome().succeeded()).isFalse();
		assertThat(failed.outcome().exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		assertThatThrownBy(failed::value).hasMessage("boom");
		assertThat(failed.info().insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);

		FlowRun<String> succeeded = greeter().saveState(false).build().run("hi");
		assertThat(succeeded.value()).isEqualTo("hi alice (2)");
		assertThat(succeeded.info().requestForest().size()).isEqualTo(2);
		assertThat(succeeded.sessionId()).isNotBlank().isNotEqualTo(failed.sessionId());
	}

	@Test
	void runKeepsTheRunOfAnEntryPointThatThrowsAnError() {
		FunctionNode<String> asserting = FunctionNode.of("asserting", () -> {
			throw new AssertionError("invariant broken");
		});
		FlowRun<String> failed = Flow.builder("asserting", asserting).saveState(false).build().run();
		assertThat(failed.outcome().exception()).isInstanceOf(AssertionError.class).hasMessage("invariant broken");
		assertThatThrownBy(failed::value).isInstanceOf(AssertionError.class);
		assertThat(failed.info().insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);
	}

	@Test
	void invokeThrowsTheEntryPointsFailureAfterClosingTheSession() throws IOException {
		Flow<Integer> fail = Flow.builder("failing", TestNodes.FAIL)
			.config(ExecutorConfig.builder().stateDirectory(this.directory).build())
			.build();
		assertThatThrownBy(() -> fail.invoke("boom")).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		assertThat(savedFiles()).singleElement().satisfies((file) -> assertThat(file.getFileName().toString()).startsWith("failing_"));
	}

	@Test
	void theFlowsOptionsApply() {
		FunctionNode<String> slow = FunctionNode.of("slow", () -> {
			Thread.sleep(10_000);
			return "late";
		});
		Flow<String> flow = Flow.builder("slow", slow).saveState(false).timeout(Duration.ofMillis(100)).build();
		assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(flow::invoke);

		List<Object> broadcasts = new ArrayList<>();
		FunctionNode<String> loud = FunctionNode.of("loud", () -> {
			Railtracks.broadcast("one");
			return "done";
		});
		Flow.builder("loud", loud).saveState(false).subscriber(broadcasts::add).build().invoke();
		assertThat(broadcasts).containsExactly("one");
	}

	@Test
	void invokeAsyncCompletesWithTheResultOrTheFailure() throws Exception {
		Flow<String> flow = greeter().build();
		assertThat(flow.invokeAsync("hey").get(30, TimeUnit.SECONDS)).isEqualTo("hey alice (3)");
		assertThat(savedFiles()).as("saved before the future completes").hasSize(1);
		Flow<Integer> fail = Flow.builder("failing", TestNodes.FAIL).saveState(false).build();
		assertThatThrownBy(() -> fail.invokeAsync("late boom").get(30, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("late boom");
	}

	@Test
	void aStrategyThatRefusesTheInvocationFailsTheFutureInsteadOfTheCaller() {
		Flow<Integer> refused = Flow.builder("refused", TestNodes.LENGTH)
			.config(ExecutorConfig.builder()
				.saveState(false)
				.executionStrategy(dev.railtracks.execution.ExecutionStrategy.of("refusing", (task) -> {
					throw new java.util.concurrent.RejectedExecutionException("no threads today");
				}))
				.build())
			.build();
		CompletableFuture<Integer> result = refused.invokeAsync("abc");
		assertThat(result).isCompletedExceptionally();
		assertThatThrownBy(result::join).hasRootCauseMessage("no threads today");
	}

	@Test
	void cancellingAnAsynchronousInvocationCancelsTheRunAndStillSavesIt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		FunctionNode<String> blocking = TestNodes.blockingUntilInterrupted("blocking", started, interrupted);
		List<ExecutionInfo> closed = new ArrayList<>();
		Flow<String> flow = Flow.builder("blocking", blocking)
			.config(ExecutorConfig.builder().stateDirectory(this.directory).addSessionListener(new SessionListener() {
				@Override
				public void sessionClosed(Session session, ExecutionInfo finalInfo) {
					assertThat(session.flowName()).isEqualTo("blocking");
					synchronized (closed) {
						closed.add(finalInfo);
						closed.notifyAll();
					}
				}
			}).build())
			.build();
		CompletableFuture<String> result = flow.invokeAsync();
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		result.cancel(true);
		assertThatExceptionOfType(CancellationException.class).isThrownBy(result::join);
		synchronized (closed) {
			while (closed.isEmpty()) {
				closed.wait();
			}
		}
		assertThat(closed.get(0).insertionRequests().get(0).status()).isEqualTo(RequestStatus.FAILED);
		assertThat(savedFiles()).hasSize(1);
	}

	@Test
	void withContextMergesIntoANewFlowAndLeavesTheOriginalAlone() {
		Flow<String> flow = greeter().saveState(false).build();
		Flow<String> bob = flow.withContext(Map.of("user", "bob"));
		assertThat(bob.invoke("hi")).isEqualTo("hi bob (2)");
		assertThat(flow.invoke("hi")).isEqualTo("hi alice (2)");
		assertThat(bob.name()).isEqualTo(flow.name());
		assertThat(bob.id()).isEqualTo(flow.id());
	}

	@Test
	void badDefinitionsAreRefusedNamingTheBadValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Flow.builder(" ", GREET))
			.withMessage("A flow needs a name that is not blank, got ' '");
		assertThatIllegalArgumentException().isThrownBy(() -> Flow.builder("x", null))
			.withMessage("Flow 'x' needs an entry point, got null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Flow.builder("x", GREET).config(ExecutorConfig.builder().runIdentifier("fixed").build()))
			.withMessageContaining("runIdentifier 'fixed'");
		assertThatIllegalArgumentException().isThrownBy(() -> Flow.of("x", GREET).withContext(null))
			.withMessage("Flow 'x': context must not be null");
		assertThatThrownBy(() -> Flow.builder("x", GREET).saveState(false).build().invoke(1, 2))
			.isInstanceOf(NodeCreationException.class);
	}

	@Test
	void aSessionWithoutAFlowWritesNullFlowFieldsAndAnEmptyNameBeforeTheId() throws IOException {
		try (Session session = new Session(ExecutorConfig.builder().stateDirectory(this.directory).build())) {
			session.runSync(TestNodes.LENGTH, "abc");
			assertThat(session.flowName()).isNull();
			assertThat(session.flowId()).isNull();
		}
		Path file = savedFiles().get(0);
		JsonNode saved = JSON.readTree(Files.readString(file));
		assertThat(saved.get("flow_name").isNull()).isTrue();
		assertThat(saved.get("flow_id").isNull()).isTrue();
		assertThat(file.getFileName().toString()).isEqualTo("_" + saved.get("session_id").asString() + ".json");
	}

	private List<Path> savedFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.sorted().toList();
		}
	}

}
