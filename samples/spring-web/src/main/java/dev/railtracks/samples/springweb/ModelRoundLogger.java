package dev.railtracks.samples.springweb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.railtracks.agent.ModelChain;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.agent.ModelRound;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ToolCall;

/**
 * A model middleware: as a bean, the {@code AgentFactory} puts it around every model round of every agent it starts
 * (the retry policy runs inside it, so a retried call is still one line). It logs what the agent sent and what it got
 * back, without the messages' text.
 */
@Component
@Order(0)
public class ModelRoundLogger implements ModelMiddleware {

	private static final Logger logger = LoggerFactory.getLogger(ModelRoundLogger.class);

	@Override
	public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
		ModelResponse response = chain.call(request);
		ModelRound round = chain.round();
		String answer = response.message().hasToolCalls()
				? "asks for " + String.join(", ", response.message().toolCalls().stream().map(ToolCall::name).toList())
				: "answers";
		logger.info("{} round {}: {} message(s) sent, the model {} ({} tokens in, {} out)", round.agentName(),
				round.number(), request.messages().size(), answer, response.usage().inputTokens(),
				response.usage().outputTokens());
		return response;
	}

}
