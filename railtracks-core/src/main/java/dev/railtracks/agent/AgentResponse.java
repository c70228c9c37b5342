package dev.railtracks.agent;

import java.util.List;

import dev.railtracks.llm.Message;

/**
 * What an agent returns: its answer and the conversation that led to it.
 *
 * @param <T> the answer's type: {@code String} for a text agent, the output type for a structured one
 * @param content the answer: the final text, or the object the text was read into
 * @param text the model's final text (the JSON of a structured answer)
 * @param messages the conversation without system messages: the input, every assistant turn and tool result, and
 * the final answer
 */
public record AgentResponse<T>(T content, String text, List<Message> messages) {

	/**
	 * A response.
	 * @param content the answer
	 * @param text the final text
	 * @param messages the conversation; copied
	 */
	public AgentResponse {
		messages = List.copyOf(messages);
	}

	/**
	 * The final text, so that an agent used as another agent's tool hands its answer to the calling model.
	 * @return the final text
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
