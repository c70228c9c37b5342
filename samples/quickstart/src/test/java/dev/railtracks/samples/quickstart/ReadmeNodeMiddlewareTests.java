package dev.railtracks.samples.quickstart;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.middleware.Retry;
import dev.railtracks.middleware.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's node middleware section, compiled and run offline: session-wide audit, a tool with its own retry and
 * timeout, and the agent's tool middleware.
 */
class ReadmeNodeMiddlewareTests {

	private final List<String> log = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger fetches = new AtomicInteger();

	/** A page fetch whose first attempt fails, as a flaky network would. */
	private String fetch(String url) throws IOException {
		if (this.fetches.incrementAndGet() == 1) {
			throw new IOException("connection reset");
		}
		return "<title>" + url + "</title>";
	}

	@Test
	void middlewareWrapsEveryCallOfTheSessionOneNodeAndAnAgentsTools() {
		NodeMiddleware audit = (call) -> {
			this.log.add(call.nodeName() + " called by " + ((call.caller() != null) ? call.caller().sinkName() : "-"));
			return call.proceed();
		};
		NodeMiddleware quoted = NodeMiddleware.after((call, result) -> "\"" + result + "\"");
		Session session = new Session(ExecutorConfig.builder().saveState(false).addNodeMiddleware(audit).build());
		NodeDefinition<String> fetch = FunctionNode.of("fetch", this::fetch)
			.withMiddleware(Retry.builder().maxAttempts(3).backoff(Duration.ofMillis(10), 2).build(),
					Timeout.of(Duration.ofSeconds(5)));
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(new ToolCall("1", "fetch", "{\"url\":\"railtracks.dev\"}")),
				ModelResponse.text("Fetched it."));
		Agent<String> agent = Agent.builder("researcher").model(model).tool(fetch).toolMiddleware(quoted).build();

		try (session) {
			AgentResponse<String> answer = session.call(agent, "What is on railtracks.dev?");
			assertThat(answer.content()).isEqualTo("Fetched it.");
			assertThat(answer.messages().get(2))
				.isEqualTo(new ToolResultMessage("1", "fetch", "\"<title>railtracks.dev</title>\""));
		}
		assertThat(this.fetches).hasValue(2);
		assertThat(this.log).containsExactly("researcher called by -", "fetch called by researcher");
	}

}
