package dev.railtracks.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.RailtracksHome;
import dev.railtracks.store.FileSessionStore;

/**
 * The visualiser for plain-Java users, like the original's {@code railtracks viz}: serves the web UI and a read-only
 * JSON API over a directory of saved session files, on 127.0.0.1 only.
 * <ul>
 * <li>{@code GET /} the UI;</li>
 * <li>{@code GET /api/sessions} every saved session, newest first (see {@link SessionSummary});</li>
 * <li>{@code GET /api/sessions/{sessionId}} one saved file, values shown, with {@code values_shown} and
 * {@code source}; 400 for an id that is not a session id or a file that is not a session (empty, not valid JSON),
 * 404 for an unknown id. Errors are {@code {"error": "..."}}.</li>
 * </ul>
 * The answers are the {@link SessionBrowser}'s, as in a Spring Boot application.
 * Run it with {@code mvn -pl railtracks-core compile exec:java@viz} (port 3030, directory {@code data/sessions} of
 * the {@code .railtracks} directory {@link RailtracksHome} finds, where sessions save by default), or
 * {@code java dev.railtracks.viz.VizServer [--port N] [directory]}.
 */
public final class VizServer implements AutoCloseable {

	/** The port used unless another is given, as in the original. */
	public static final int DEFAULT_PORT = 3030;

	private static final String API = "/api/sessions";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor;

	private final SessionBrowser browser;

	private final Path directory;

	private VizServer(HttpServer server, ExecutorService executor, Path directory) {
		this.server = server;
		this.executor = executor;
		this.directory = directory;
		this.browser = new SessionBrowser(new FileSessionStore(directory), SessionBrowser.DEFAULT_LIST_LIMIT);
	}

	/**
	 * Starts a server on 127.0.0.1.
	 * @param directory the directory of saved session files (need not exist yet)
	 * @param port the port, or {@code 0} for any free port
	 * @return the running server; {@link #close()} stops it
	 * @throws IllegalStateException when the port is in use, with a message that says what to do
	 * @throws IOException when the server cannot be started for another reason
	 */
	public static VizServer start(Path directory, int port) throws IOException {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
		}
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
		}
		catch (BindException ex) {
			throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use (" + ex.getMessage()
					+ "): stop what is using it, or choose another port with --port", ex);
		}
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "railtracks-viz");
			thread.setDaemon(true);
			return thread;
		});
		VizServer viz = new VizServer(server, executor, directory);
		server.createContext("/", viz::handle);
		server.setExecutor(executor);
		server.start();
		return viz;
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Where to open the UI.
	 * @return {@code http://127.0.0.1:{port}/}
	 */
	public String url() {
		return "http://127.0.0.1:" + port() + "/";
	}

	/**
	 * The directory of saved sessions served.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/** Stops the server at once. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) {
		try {
			route(exchange);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("railtracks viz: " + exchange.getRequestURI() + " failed: " + ex);
			try {
				sendError(exchange, 500, "The visualiser could not answer: " + ex);
			}
			catch (IOException | RuntimeException answered) {
				// Already (partly) answered: the client sees a closed connection.
			}
		}
		finally {
			exchange.close();
		}
	}

	private void route(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			exchange.getResponseHeaders().set("Allow", "GET, HEAD");
			sendError(exchange, 405, "Method " + method + " not allowed: the visualiser is read-only");
			return;
		}
		String path = exchange.getRequestURI().getRawPath();
		if (path.equals(API)) {
			send(exchange, this.browser.sessions());
		}
		else if (path.startsWith(API + "/")) {
			// The raw path keeps %2F encoded, so "../../etc/passwd" in any encoding is one id that the browser refuses.
			String sessionId = URLDecoder.decode(path.substring(API.length() + 1), StandardCharsets.UTF_8);
			// The files are the user's own, served on loopback only: values are shown.
			send(exchange, this.browser.session(sessionId, true));
		}
		else if (path.startsWith("/api/")) {
			sendError(exchange, 404, "Not found: " + path);
		}
		else {
			sendUi(exchange, path.equals("/") ? VizUi.INDEX : path.substring(1));
		}
	}

	private static void sendUi(HttpExchange exchange, String name) throws IOException {
		Optional<InputStream> file = VizUi.open(name);
		if (file.isEmpty()) {
			sendError(exchange, 404, "Not found: /" + name);
			return;
		}
		byte[] content;
		try (InputStream in = file.get()) {
			content = in.readAllBytes();
		}
		exchange.getResponseHeaders().set("Content-Type", VizUi.contentType(name));
		send(exchange, 200, content);
	}

	private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		send(exchange, status, JSON.writeValueAsBytes(Map.of("error", message)));
	}

	private static void send(HttpExchange exchange, VizResponse response) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", VizResponse.CONTENT_TYPE);
		send(exchange, response.status(), response.body());
	}

	private static void send(HttpExchange exchange, int status, byte[] content) throws IOException {
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, head ? -1 : ((content.length == 0) ? -1 : content.length));
		if (!head && content.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(content);
			}
		}
	}

	/**
	 * Runs the server until the process is stopped: {@code [--port N] [directory]}.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status >= 0) {
			System.exit(status);
		}
	}

	/** {@link #main} without exiting: returns the exit status, or leaves the server running and returns -1. */
	static int run(String[] args, PrintStream out, PrintStream err) {
		int port = DEFAULT_PORT;
		Path directory = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(usage());
				return 0;
			}
			else if (arg.equals("--port") || arg.startsWith("--port=")) {
				String value = arg.equals("--port") ? ((i + 1 < args.length) ? args[++i] : "") : arg.substring(7);
				try {
					port = Integer.parseInt(value);
				}
				catch (NumberFormatException ex) {
					err.println("--port needs a number between 0 and 65535 but was '" + value + "'\n" + usage());
					return 2;
				}
			}
			else if (arg.startsWith("-")) {
				err.println("Unknown option " + arg + "\n" + usage());
				return 2;
			}
			else {
				directory = Path.of(arg);
			}
		}
		if (directory == null) {
			// Where sessions save by default, found as the original's "railtracks viz" finds it.
			directory = RailtracksHome.sessionsDirectory(RailtracksHome.resolve());
		}
		if (Files.exists(directory) && !Files.isDirectory(directory)) {
			err.println(directory.toAbsolutePath() + " is a file; give the directory that holds saved session files");
			return 2;
		}
		try {
			VizServer server = start(directory, port);
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "railtracks-viz-shutdown"));
			out.println("Railtracks visualiser: " + server.url() + " (sessions saved in "
					+ directory.toAbsolutePath().normalize()
					+ (Files.isDirectory(directory) ? "" : ", which does not exist yet") + "); Ctrl+C stops it");
			return -1;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println(ex.getMessage());
			return 1;
		}
		catch (IOException ex) {
			err.println("Could not start the visualiser on port " + port + ": " + ex);
			return 1;
		}
	}

	private static String usage() {
		return "Usage: VizServer [--port N] [directory]   (defaults: port " + DEFAULT_PORT
				+ ", directory data/sessions in the .railtracks directory: $" + RailtracksHome.ENVIRONMENT_VARIABLE
				+ "/.railtracks, else the nearest .railtracks from here up, else ./.railtracks)";
	}

}
