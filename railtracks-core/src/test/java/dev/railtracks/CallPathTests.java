package dev.railtracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.railtracks.info.NodeType;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.middleware.Retry;

/**
 * {@link NodeCall#callPath()}: calls are numbered under their caller in the order the caller makes them (a batch's
 * children in order, an asynchronous call when it starts), whichever thread runs them; and
 * {@link NodeCall#recordDetail}, a middleware's detail on the call's request.
 */
class CallPathTests {

	@Test
	void callsAreNumberedUnderTheirCallerInTheOrderItMakesThem() {
		Map<String, String> paths = new ConcurrentHashMap<>();
		NodeMiddleware recording = (call) -> {
			paths.put(call.nodeName() + call.arguments(), call.callPath());
			return call.proceed();
		};
		FunctionNode<String> leaf = FunctionNode.of("leaf", (String s) -> s);
		FunctionNode<String> inner = FunctionNode.of("inner", (String s) -> Railtracks.call(leaf, s + "!"));
		FunctionNode<String> root = FunctionNode.of("root", () -> {
			Railtracks.call(leaf, "a");
			Railtracks.callBatch(leaf, List.of("b", "c", "d"));
			CompletableFuture<String> later = Railtracks.callAsync(leaf, "e");
			Railtracks.call(inner, "f");
			return later.join();
		});
		try (Session session = new Session(TestConfigs.noSave().addNodeMiddleware(recording).build())) {
			session.call(root);
			session.call(leaf, "again");
		}
		assertThat(paths).containsExactlyInAnyOrderEntriesOf(Map.of("root[]", "0", "leaf[a]", "0.0", "leaf[b]", "0.1",
				"leaf[c]", "0.2", "leaf[d]", "0.3", "leaf[e]", "0.4", "inner[f]", "0.5", "leaf[f!]", "0.5.0",
				"leaf[again]", "1"));
	}

	@Test
	void eachAttemptOfARetriedNodeNumbersItsCallsFromZero() {
		List<String> paths = new CopyOnWriteArrayList<>();
		NodeMiddleware recording = (call) -> {
			paths.add(call.nodeName() + call.arguments() + "@" + call.callPath());
			return call.proceed();
		};
		AtomicInteger attempts = new AtomicInteger();
		FunctionNode<String> leaf = FunctionNode.of("leaf", (String s) -> s);
		NodeDefinition<String> flaky = FunctionNode.of("flaky", () -> {
			int attempt = attempts.incrementAndGet();
			Railtracks.call(leaf, "t" + attempt);
			if (attempt == 1) {
				throw new IllegalArgumentException("first attempt fails");
			}
			return Railtracks.call(leaf, "q");
		}).withMiddleware(Retry.builder()
			.maxAttempts(2)
			.backoff(Duration.ofMillis(1), 1.0)
			.build());
		try (Session session = new Session(TestConfigs.noSave().addNodeMiddleware(recording).build())) {
			assertThat(session.call(flaky)).isEqualTo("q");
		}
		assertThat(paths).containsExactly("flaky[]@0", "leaf[t1]@0.0", "leaf[t2]@0.0", "leaf[q]@0.1");
	}

	@Test
	void aNodeCallOfAnotherImplementationHasNoCallPathOrDetails() {
		NodeCall call = new NodeCall() {

			@Override
			public String nodeName() {
				return "n";
			}

			@Override
			public NodeType nodeType() {
				return NodeType.OTHER;
			}

			@Override
			public NodeDefinition<?> definition() {
				throw new UnsupportedOperationException();
			}

			@Override
			public Node<?> node() {
				throw new UnsupportedOperationException();
			}

			@Override
			public List<@Nullable Object> arguments() {
				return List.of();
			}

			@Override
			public String sessionId() {
				return "s";
			}

			@Override
			public RailtracksContext context() {
				throw new UnsupportedOperationException();
			}

			@Override
			public @Nullable RequestTemplate caller() {
				return null;
			}

			@Override
			public int attempts() {
				return 0;
			}

			@Override
			public boolean runEnded() {
				return false;
			}

			@Override
			public @Nullable Object proceed() {
				return null;
			}

			@Override
			public @Nullable Object proceed(@Nullable Object... arguments) {
				return null;
			}

		};
		assertThatThrownBy(call::callPath).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> call.recordDetail("k", 1)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void aMiddlewaresDetailIsRecordedOnTheCallsRequest() {
		FunctionNode<String> echo = FunctionNode.of("echo", (String s) -> s);
		NodeMiddleware marking = (call) -> {
			call.recordDetail("replayed", true);
			return "recorded " + call.arguments().get(0);
		};
		try (Session session = new Session(TestConfigs.noSave().addNodeMiddleware(marking).build())) {
			assertThat(session.call(echo, "x")).isEqualTo("recorded x");
			assertThat(NodeMiddlewareTests.internalsOf(session, "echo").get("replayed").asBoolean()).isTrue();
		}
	}

}
