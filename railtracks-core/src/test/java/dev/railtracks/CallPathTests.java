package dev.railtracks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

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
