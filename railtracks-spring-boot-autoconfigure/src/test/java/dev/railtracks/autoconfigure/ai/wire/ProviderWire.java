package dev.railtracks.autoconfigure.ai.wire;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * One provider's chat API as its HTTP server speaks it: where requests arrive, how a request reads as a Railtracks
 * {@link ModelRequest} (so tests can assert what the real client sent), and how an answer or an error is written.
 */
public interface ProviderWire {

	/** The fake API key each wire configures; it must never appear in logs or records. */
	String API_KEY = "rt-test-key-0123456789abcdef";

	/**
	 * The provider's name as Railtracks records it.
	 * @return {@code openai}, {@code anthropic} or {@code ollama}
	 */
	String provider();

	/**
	 * The path of the chat endpoint.
	 * @return the path, such as {@code /v1/chat/completions}
	 */
	String chatPath();

	/**
	 * The Spring properties that point the provider's Spring AI module at a server, with {@link #API_KEY} and a model.
	 * @param serverUrl the server's {@code http://127.0.0.1:port}
	 * @param model the default model
	 * @return the properties
	 */
	Map<String, String> properties(String serverUrl, String model);

	/**
	 * A request as the client sent it: conversation, tool definitions and options ({@code options().model()} is the
	 * model sent).
	 * @param body the request body
	 * @return the request
	 */
	ModelRequest read(JsonNode body);

	/**
	 * A successful answer.
	 * @param response the answer: text or tool calls, usage, model name and fingerprint when set
	 * @param model the model to name when the response names none
	 * @return the body
	 */
	String write(ModelResponse response, String model);

	/**
	 * An error body the provider sends with a failure status.
	 * @param status the HTTP status
	 * @param message the error message
	 * @return the body
	 */
	String error(int status, String message);

}
