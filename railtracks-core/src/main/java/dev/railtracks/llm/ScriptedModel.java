package dev.railtracks.llm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link LanguageModel} that answers from a script instead of a provider: the given responses in order, or a
 * function of each request. Tests and offline demos use it; it goes through exactly the same SPI as a real model.
 *
 * <pre>{@code
 * ScriptedModel model = ScriptedModel.of(
 *         ModelResponse.toolCalls(new ToolCall("1", "weather", "{\"city\":\"Kyoto\"}")),
 *         ModelResponse.text("Sunny in Kyoto: pack light."));
 * }</pre>
 *
 * <p>When a response reports no token usage, the model estimates it as one token per four characters of the request
 * and of the answer, so meters and recorded details show plausible numbers in demos. The latest
 * {@value #KEPT_REQUESTS} requests are kept and can be read with {@link #requests()} (a bound, so that a demo serving
 * requests for days does not fill its heap).
 */
public final class ScriptedModel implements LanguageModel {

	/** How many of the latest requests are kept. */
	public static final int KEPT_REQUESTS = 1000;

	private final Function<ModelRequest, ModelResponse> script;

	private final String modelName;

	private final Deque<ModelRequest> requests = new ArrayDeque<>();

	private ScriptedModel(String modelName, Function<ModelRequest, ModelResponse> script) {
		this.modelName = modelName;
		this.script = script;
	}

	/**
	 * A model that gives these responses, one per call, in order; a call after the last one fails with an
	 * {@link IllegalStateException} saying how many responses the script had.
	 * @param responses the responses
	 * @return the model
	 */
	public static ScriptedModel of(ModelResponse... responses) {
		List<ModelResponse> script = List.of(responses);
		AtomicInteger next = new AtomicInteger();
		return new ScriptedModel("scripted", (request) -> {
			int index = next.getAndIncrement();
			if (index >= script.size()) {
				throw new IllegalStateException("ScriptedModel has no response left: call " + (index + 1)
						+ " but the script has " + script.size() + " response(s)");
			}
			return script.get(index);
		});
	}

	/**
	 * A model that computes each response from the request (for example from its last user message, or from how many
	 * tool results it already holds).
	 * @param answer the function; called once per request, possibly from several threads
	 * @return the model
	 */
	public static ScriptedModel of(Function<ModelRequest, ModelResponse> answer) {
		if (answer == null) {
			throw new IllegalArgumentException("ScriptedModel needs a function that answers requests");
		}
		return new ScriptedModel("scripted", answer);
	}

	/**
	 * The same script under another model name, as recorded in {@code model_name}.
	 * @param name the name
	 * @return a new model sharing the script
	 */
	public ScriptedModel named(String name) {
		return new ScriptedModel(name, this.script);
	}

	@Override
	public ModelResponse chat(ModelRequest request) {
		synchronized (this.requests) {
			if (this.requests.size() == KEPT_REQUESTS) {
				this.requests.removeFirst();
			}
			this.requests.addLast(request);
		}
		ModelResponse response = this.script.apply(request);
		if (response == null) {
			throw new IllegalStateException("ScriptedModel's script returned null for a request of "
					+ request.messages().size() + " message(s)");
		}
		if (response.usage().inputTokens() != null || response.usage().outputTokens() != null) {
			return response;
		}
		int in = 0;
		for (Message message : request.messages()) {
			in += String.valueOf(message.toJson().get("content")).length();
		}
		int out = String.valueOf(response.message().toJson().get("content")).length();
		return response.withUsage(tokens(in), tokens(out));
	}

	private static int tokens(int characters) {
		return (characters + 3) / 4;
	}

	/**
	 * The requests received so far (the latest {@value #KEPT_REQUESTS}), in order.
	 * @return a copy of the requests
	 */
	public List<ModelRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	@Override
	public String modelName() {
		return this.modelName;
	}

	@Override
	public String provider() {
		return "scripted";
	}

}
