package dev.railtracks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.networknt.schema.InputFormat;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.RequestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link NodeMiddleware}: order, what a middleware sees and may change, its faults, and what is recorded.
 */
class NodeMiddlewareTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger invocations = new AtomicInteger();

	private final FunctionNode<String> echo = FunctionNode.of("echo", (String s) -> {
		this.invocations.incrementAndGet();
		this.trace.add("node " + s);
		return s;
	});

	private NodeMiddleware traced(String name) {
		return (call) -> {
			this.trace.add(name + " before");
			Object result = call.proceed();
			this.trace.add(name + " after");
			return result;
		};
	}

	/** The saved session, checked against the schema, and the named node's recorded internals. */
	static JsonNode internalsOf(Session session, String nodeName) {
		String payload = session.payload();
		assertThat(SessionSavedStateTests.SCHEMA.validate(payload, InputFormat.JSON)).isEmpty();
		for (JsonNode run : JSON.readTree(payload).get("runs")) {
			for (JsonNode node : run.get("nodes")) {
				if (node.get("name").asString().equals(nodeName)) {
					return node.get("details").get("internals");
				}
			}
		}
		throw new AssertionError("No node named " + nodeName + " in " + payload);
	}

	static JsonNode edgeOutputOf(Session session) {
		JsonNode run = JSON.readTree(session.payload()).get("runs").get(0);
		return run.get("edges").get(0).get("details").get("output");
	}

	@Test
	void sessionMiddlewareIsOutermostThenTheDefinitionsOutermostFirst() {
		ExecutorConfig config = TestConfigs.noSave()
			.addNodeMiddleware(traced("session 1"))
			.addNodeMiddleware(traced("session 2"))
			.build();
		try (Session session = new Session(config)) {
			String result = session.call(this.echo.withMiddleware(traced("own 1"), traced("own 2")), "x");
			assertThat(result).isEqualTo("x");
		}
		assertThat(this.trace).containsExactly("session 1 before", "session 2 before", "own 1 before", "own 2 before",
				"node x", "own 2 after", "own 1 after", "session 2 after", "session 1 after");
	}

	@Test
	void aLaterWithMiddlewareWrapsTheEarlierOne() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			session.call(this.echo.withMiddleware(traced("inner")).withMiddleware(traced("outer")), "x");
		}
		assertThat(this.trace).containsExactly("outer before", "inner before", "node x", "inner after", "outer after");
	}

	@Test
	void beforeMayChangeTheArgumentsAndAfterTheResultAndTheRecordShowsBoth() {
		NodeDefinition<String> shouting = this.echo.withMiddleware(
				NodeMiddleware.after((call, result) -> result + "!"),
				NodeMiddleware.before((call) -> List.of(((String) call.arguments().get(0)).toUpperCase())));
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(shouting, "hi")).isEqualTo("HI!");
			JsonNode attempts = internalsOf(session, "echo").get("middleware_attempts");
			assertThat(attempts).hasSize(1);
			assertThat(attempts.get(0).get("arguments").get(0).asString()).isEqualTo("HI");
			assertThat(attempts.get(0).get("status").asString()).isEqualTo("Completed");
			assertThat(edgeOutputOf(session).asString()).isEqualTo("HI!");
		}
	}

	@Test
	void aMiddlewareSeesTheNodeTheSessionAndTheCaller() {
		AtomicReference<NodeCall> seen = new AtomicReference<>();
		AtomicReference<RequestTemplate> caller = new AtomicReference<>();
		AtomicReference<Object> context = new AtomicReference<>();
		NodeDefinition<String> child = this.echo.withMiddleware((call) -> {
			seen.set(call);
			caller.set(call.caller());
			context.set(call.context().get("user"));
			return call.proceed();
		});
		FunctionNode<String> parent = FunctionNode.of("parent", (String s) -> Railtracks.call(child, s));
		try (Session session = new Session(TestConfigs.NO_SAVE, Map.of("user", "ada"))) {
			session.call(parent, "x");
			NodeCall call = seen.get();
			assertThat(call.nodeName()).isEqualTo("echo");
			assertThat(call.nodeType()).isEqualTo(this.echo.type());
			assertThat(call.definition()).isSameAs(child);
			assertThat(call.node().name()).isEqualTo("echo");
			assertThat(call.arguments()).containsExactly("x");
			assertThat(call.sessionId()).isEqualTo(session.sessionId());
			assertThat(caller.get().sinkName()).isEqualTo("parent");
			assertThat(context.get()).isEqualTo("ada");
			assertThat(call.attempts()).isEqualTo(1);
			assertThat(call.runEnded()).isFalse();
		}
	}

	@Test
	void aTopLevelCallHasNoCaller() {
		AtomicReference<RequestTemplate> caller = new AtomicReference<>();
		AtomicInteger called = new AtomicInteger();
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			session.call(this.echo.withMiddleware((call) -> {
				called.incrementAndGet();
				caller.set(call.caller());
				return call.proceed();
			}), "x");
		}
		assertThat(called).hasValue(1);
		assertThat(caller.get()).isNull();
	}

	@Test
	void aShortCircuitIsRecordedAsTheNodesOutputWithoutInvokingIt() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(this.echo.withMiddleware((call) -> "cached"), "x")).isEqualTo("cached");
			assertThat(this.invocations).hasValue(0);
			assertThat(internalsOf(session, "echo").get("middleware_attempts")).isEmpty();
			assertThat(edgeOutputOf(session).asString()).isEqualTo("cached");
		}
	}

	@Test
	void aNullResultIsALegalResultAndIsRecorded() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(this.echo.withMiddleware(NodeMiddleware.after((call, result) -> null)), "x"))
				.isNull();
			assertThat(this.invocations).hasValue(1);
			internalsOf(session, "echo");
			assertThat(edgeOutputOf(session).isNull()).isTrue();
		}
	}

	@Test
	void aMiddlewareThatThrowsBeforeAfterOrAroundFailsTheNodeWithItsFailure() {
		Map<String, NodeMiddleware> throwing = Map.of("before", NodeMiddleware.before((call) -> {
			throw new IllegalStateException("before");
		}), "after", NodeMiddleware.after((call, result) -> {
			throw new IllegalStateException("after");
		}), "around", (call) -> {
			throw new IllegalStateException("around");
		});
		for (Map.Entry<String, NodeMiddleware> each : throwing.entrySet()) {
			String expected = each.getKey();
			NodeMiddleware middleware = each.getValue();
			try (Session session = new Session(TestConfigs.NO_SAVE)) {
				assertThatIllegalStateException().isThrownBy(() -> session.call(this.echo.withMiddleware(middleware), "x"))
					.withMessage(expected);
				internalsOf(session, "echo");
				JsonNode output = edgeOutputOf(session);
				assertThat(output.get("type").asString()).isEqualTo("IllegalStateException");
				assertThat(output.get("message").asString()).isEqualTo(expected);
			}
		}
		// Only the after-middleware let the node run.
		assertThat(this.invocations).hasValue(1);
	}

	@Test
	void proceedingTwiceIsTwoAttemptsTheSecondOnAFreshNode() {
		List<Node<?>> nodes = Collections.synchronizedList(new ArrayList<>());
		NodeDefinition<String> twice = NodeDefinition.of(Recording.class).withMiddleware((call) -> {
			nodes.add(call.node());
			call.proceed();
			return call.proceed();
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.call(twice, "x")).isEqualTo("x 1");
			JsonNode internals = internalsOf(session, "Recording");
			assertThat(internals.get("middleware_attempts")).hasSize(2);
			assertThat(internals.get("middleware_attempts").get(1).get("attempt").asInt()).isEqualTo(2);
			// The details the last attempt's node recorded are the request's.
			assertThat(internals.get("invocations").asInt()).isEqualTo(1);
		}
	}

	/** Records how many times this instance was invoked. */
	@Test
	void aFailureWhoseMessageThrowsStaysTheRecordedFailureAndOddArgumentsAreRecordedSafely() {
		Object odd = new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("no text");
			}
		};
		FunctionNode<String> failing = FunctionNode.of("failing", (Object ignored) -> {
			throw new UnsupportedOperationException() {
				@Override
				public String getMessage() {
					throw new IllegalStateException("no message");
				}
			};
		});
		NodeMiddleware swapArguments = (call) -> call.proceed(odd);
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> session.call(failing.withMiddleware(swapArguments), "x"));
			JsonNode attempt = internalsOf(session, "failing").get("middleware_attempts").get(0);
			assertThat(attempt.get("status").asString()).isEqualTo("Failed");
			assertThat(attempt.get("failure").asString()).startsWith("(toString() of ");
			assertThat(attempt.get("arguments").get(0).asString()).startsWith("(toString() of ");
		}
	}

	/** Middleware equal to any other with the same name: identity, not equality, tells two middleware apart. */
	private record Tagged(String name, List<String> trace) implements NodeMiddleware {

		@Override
		public @Nullable Object around(NodeCall call) throws Exception {
			this.trace.add(this.name);
			return call.proceed();
		}

	}

	@Test
	void twoEqualMiddlewareForTheSessionAndTheDefinitionBothRun() {
		Tagged session = new Tagged("tag", this.trace);
		Tagged own = new Tagged("tag", this.trace);
		assertThat(own).isEqualTo(session);
		ExecutorConfig config = TestConfigs.noSave().addNodeMiddleware(session).build();
		assertThat(config.toString()).contains("nodeMiddleware=[" + session + "]", "modelCallObservationConvention=null");
		try (Session running = new Session(config)) {
			assertThat(running.call(this.echo.withMiddleware(own), "x")).isEqualTo("x");
		}
		assertThat(this.trace).containsExactly("tag", "tag", "node x");
	}

	@Test
	void aBeforeStepReturningNullFailsNamingTheNode() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatIllegalStateException()
				.isThrownBy(() -> session.call(this.echo.withMiddleware(NodeMiddleware.before((call) -> null)), "x"))
				.withMessageStartingWith("The before step ")
				.withMessageEndingWith(" of node 'echo' returned null: return call.arguments() to keep the arguments");
		}
		assertThat(this.invocations).hasValue(0);
	}

	static class Recording extends Node<String> {

		private final String text;

		private int invocations;

		Recording(String text) {
			this.text = text;
		}

		@Override
		public String invoke() {
			this.invocations++;
			recordDetail("invocations", this.invocations);
			return this.text + " " + this.invocations;
		}

	}

	@Test
	void proceedOnAnotherThreadIsRefusedWithAClearError() {
		NodeDefinition<String> offloaded = this.echo.withMiddleware((call) -> {
			try {
				return CompletableFuture.supplyAsync(() -> {
					try {
						return call.proceed();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}).get();
			}
			catch (ExecutionException ex) {
				throw (Exception) ex.getCause();
			}
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatIllegalStateException().isThrownBy(() -> session.call(offloaded, "x"))
				.withMessageContaining("Middleware of node 'echo' called proceed() on thread")
				.withMessageContaining("call it on the node's thread");
			assertThat(this.invocations).hasValue(0);
			internalsOf(session, "echo");
		}
	}

	@Test
	void theSameMiddlewareTwiceInOneListIsRefused() {
		NodeMiddleware once = traced("once");
		ExecutorConfig.Builder builder = TestConfigs.noSave().addNodeMiddleware(once);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.addNodeMiddleware(once))
			.withMessageContaining("already added to the session");
		assertThatIllegalArgumentException().isThrownBy(() -> this.echo.withMiddleware(once, once))
			.withMessageContaining("configured twice for node 'echo'");
		NodeDefinition<String> wrapped = this.echo.withMiddleware(once);
		assertThatIllegalArgumentException().isThrownBy(() -> wrapped.withMiddleware(once))
			.withMessageContaining("configured twice for node 'echo'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.echo.withMiddleware((NodeMiddleware) null))
			.withMessageContaining("must not be null");
	}

	@Test
	void theSameMiddlewareForTheSessionAndADefinitionRunsOnceAtItsSessionPosition() {
		NodeMiddleware shared = traced("shared");
		ExecutorConfig config = TestConfigs.noSave().addNodeMiddleware(shared).build();
		try (Session session = new Session(config)) {
			session.call(this.echo.withMiddleware(traced("own"), shared), "x");
		}
		assertThat(this.trace).containsExactly("shared before", "own before", "node x", "own after", "shared after");
	}

	@Test
	void withoutMiddlewareNothingIsAddedToTheRecord() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			session.call(this.echo, "x");
			assertThat(internalsOf(session, "echo").has("middleware_attempts")).isFalse();
		}
	}

	@Test
	void theNodesObservationCarriesItsAttemptsAndAnEventPerRetry() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(event.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		NodeMiddleware thrice = (call) -> {
			call.proceed();
			call.proceed();
			return call.proceed();
		};
		try (Session session = new Session(TestConfigs.noSave().observationRegistry(registry)
			.addNodeMiddleware(thrice)
			.build())) {
			session.call(this.echo, "x");
		}
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("railtracks.node")
			.that()
			.hasLowCardinalityKeyValue("railtracks.node.attempts", "3");
		assertThat(events).containsExactly("railtracks.node.retry", "railtracks.node.retry");
	}

}
