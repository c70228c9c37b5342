package dev.railtracks.autoconfigure.ai.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * A provider's chat API on loopback: answers in the provider's wire format from a function of the request (a
 * {@link ModelRequest} read from the body, so any Railtracks script can play the model), after serving the canned
 * answers queued with {@link #answerNext}. Records every request.
 */
public final class FakeProviderServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProviderWire wire;

	private final Function<ModelRequest, ModelResponse> model;

	private final HttpServer server;

	private final Deque<CannedAnswer> canned = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private FakeProviderServer(ProviderWire wire, Function<ModelRequest, ModelResponse> model) throws IOException {
		this.wire = wire;
		this.model = model;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a server.
	 * @param wire the provider's format
	 * @param model answers each request
	 * @return the running server
	 */
	public static FakeProviderServer start(ProviderWire wire, Function<ModelRequest, ModelResponse> model) {
		try {
			return new FakeProviderServer(wire, model);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start a fake " + wire.provider() + " server", ex);
		}
	}

	/**
	 * Queues answers served, in order, before the model answers again.
	 * @param answers the answers
	 * @return this server
	 */
	public synchronized FakeProviderServer answerNext(CannedAnswer... answers) {
		this.canned.addAll(List.of(answers));
		return this;
	}

	/**
	 * A failure in the provider's own error format.
	 * @param status the HTTP status
	 * @param headers extra headers, such as {@code Retry-After}
	 * @return the answer
	 */
	public CannedAnswer error(int status, Map<String, String> headers) {
		return new CannedAnswer(status, headers, this.wire.error(status, "fake " + status));
	}

	/**
	 * The Spring properties pointing the provider's module at this server.
	 * @param model the default model
	 * @return the properties
	 */
	public Map<String, String> properties(String model) {
		return this.wire.properties("http://127.0.0.1:" + this.server.getAddress().getPort(), model);
	}

	/**
	 * The provider's format.
	 * @return the wire
	 */
	public ProviderWire wire() {
		return this.wire;
	}

	/**
	 * Every request received, in order.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The chat requests, read as Railtracks requests.
	 * @return the requests the client sent to the chat endpoint
	 */
	public List<ModelRequest> chatRequests() {
		return this.requests.stream()
			.filter((request) -> request.path().endsWith(this.wire.chatPath()))
			.map((request) -> this.wire.read(JSON.readTree(request.body())))
			.toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				Map.copyOf(exchange.getRequestHeaders()), body));
		CannedAnswer answer = next(body);
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private CannedAnswer next(String body) {
		synchronized (this) {
			if (!this.canned.isEmpty()) {
				return this.canned.removeFirst();
			}
		}
		try {
			ModelRequest request = this.wire.read(JSON.readTree(body));
			String model = (request.options().model() != null) ? request.options().model() : "unknown";
			return new CannedAnswer(200, Map.of(), this.wire.write(this.model.apply(request), model));
		}
		catch (RuntimeException ex) {
			return new CannedAnswer(500, Map.of(), this.wire.error(500, "fake server could not answer: " + ex));
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request as received.
	 * @param method the HTTP method
	 * @param path the path
	 * @param headers the headers
	 * @param body the body
	 */
	public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
	}

	/**
	 * An answer served as is.
	 * @param status the HTTP status
	 * @param headers extra headers
	 * @param body the body
	 */
	public record CannedAnswer(int status, Map<String, String> headers, String body) {

		/**
		 * A 200 answer whose body no client can read.
		 * @return the answer
		 */
		public static CannedAnswer malformed() {
			return new CannedAnswer(200, Map.of(), "{\"id\": \"broken\", \"choices\": [");
		}

	}

}
