package dev.railtracks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestNodes.FAIL;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Session}. These cover the state it saves when it closes.
 */
class SessionSavedStateTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final Schema SCHEMA = loadSchema();

	static final FunctionNode<String> UPPER = FunctionNode.of("upper", (String s) -> s.toUpperCase());

	@TempDir
	Path directory;

	/** A planner: parallel children, an asynchronous child, a failing child it catches, and a recorded detail. */
	static class Planner extends Node<Map<String, Object>> {

		private final String goal;

		Planner(String goal) {
			this.goal = goal;
		}

		@Override
		public Map<String, Object> invoke() {
			CompletableFuture<String> upper = callAsync(UPPER, this.goal);
			List<Integer> lengths = callBatch(LENGTH, List.of("a", "bb", "ccc"));
			String recovered;
			try {
				call(FAIL, "boom");
				recovered = "nothing to recover";
			}
			catch (IllegalStateException ex) {
				recovered = "recovered from " + ex.getMessage();
			}
			recordDetail("plan", Map.of("steps", 3, "goal", this.goal));
			return Map.of("upper", upper.join(), "lengths", lengths, "recovered", recovered);
		}

	}

	private ExecutorConfig.Builder config() {
		return ExecutorConfig.builder().stateDirectory(this.directory);
	}

	@Test
	void closeSavesTheStateUnderTheSessionName() throws IOException {
		Session session = new Session(config().sessionName("trip-planner").build());
		session.runSync(Planner.class, "trip");
		session.close();
		assertThat(files()).containsExactly(this.directory.resolve("trip-planner_" + session.identifier() + ".json"));
	}

	@Test
	void closeSavesTheStateUnderAnEmptyNameWhenNeitherAFlowNorTheSessionHasOne() throws IOException {
		// As the original: {flow name or session name or ""}_{id}.json; the top-level node's name is not used.
		Session session = new Session(config().build());
		session.runSync(Planner.class, "trip");
		session.close();
		assertThat(files()).containsExactly(this.directory.resolve("_" + session.identifier() + ".json"));
	}

	@Test
	void closeSavesSeveralTopLevelRunsInOneFile() throws IOException {
		Session session = new Session(config().runIdentifier("fixed-id").build());
		session.runSync(LENGTH, "a");
		session.runSync(UPPER, "b");
		session.close();
		assertThat(files()).containsExactly(this.directory.resolve("_fixed-id.json"));
		JsonNode saved = read(this.directory.resolve("_fixed-id.json"));
		assertThat(saved.get("session_id").asString()).isEqualTo("fixed-id");
		assertThat(saved.get("runs")).hasSize(2);
		assertThat(saved.get("runs").get(0).get("name").asString()).isEqualTo("length");
		assertThat(saved.get("runs").get(1).get("name").asString()).isEqualTo("upper");
	}

	@Test
	void unsafeNamesFallBackToTheIdentifierWithAWarning() throws IOException {
		for (String unsafe : List.of("../x", "a/b", "a:b", "C:\\temp\\x", " x")) {
			Path target = Files.createDirectories(this.directory.resolve("unsafe-" + Math.abs(unsafe.hashCode())));
			List<ILoggingEvent> events = captureSessionLog(() -> {
				Session session = new Session(config().stateDirectory(target).sessionName(unsafe).build());
				session.runSync(LENGTH, "abc");
				session.close();
				assertThat(listFiles(target)).as("files for %s", unsafe)
					.containsExactly(target.resolve(session.identifier() + ".json"));
			});
			assertThat(events).as("warnings for %s", unsafe)
				.anySatisfy((event) -> {
					assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
					assertThat(event.getFormattedMessage()).contains(unsafe).contains("falling back");
				});
		}
		assertThat(Files.exists(this.directory.getParent().resolve("x"))).isFalse();
	}

	@Test
	void anUnsafeTopLevelNodeNameDoesNotMatterToTheFileName() throws IOException {
		FunctionNode<Integer> slashed = FunctionNode.of("weird/name", (String s) -> s.length());
		Session session = new Session(config().build());
		session.runSync(slashed, "abc");
		session.close();
		assertThat(files()).containsExactly(this.directory.resolve("_" + session.identifier() + ".json"));
	}

	@Test
	void saveStateOffWritesNothing() throws IOException {
		Path target = this.directory.resolve("never");
		Session session = new Session(config().stateDirectory(target).saveState(false).build());
		session.runSync(Planner.class, "trip");
		session.close();
		assertThat(target).doesNotExist();
	}

	@Test
	void savingLeavesNoTemporaryFilesBehind() throws IOException {
		for (int i = 0; i < 3; i++) {
			try (Session session = new Session(config().sessionName("repeat").build())) {
				session.runSync(LENGTH, "abc");
			}
		}
		assertThat(files()).hasSize(3).allSatisfy((file) -> {
			assertThat(file.getFileName().toString()).startsWith("repeat_").endsWith(".json");
			assertThat(file.getFileName().toString()).doesNotStartWith(".").doesNotContain(".tmp");
		});
	}

	@Test
	void theSavedStateOfANestedFlowValidatesAgainstTheSchema() throws IOException {
		Session session = new Session(config().sessionName("planner").build());
		session.runSync(Planner.class, "trip");
		session.close();
		String text = Files.readString(onlyFile());
		List<Error> errors = SCHEMA.validate(text, InputFormat.JSON);
		assertThat(errors).isEmpty();
		JsonNode saved = JSON.readTree(text);
		assertThat(saved.get("runs")).hasSize(1);
		assertThat(saved.get("runs").get(0).get("nodes")).hasSize(6);
		assertThat(saved.get("runs").get(0).get("edges")).hasSize(6);
		assertThat(saved.get("runs").get(0).get("steps")).hasSize(12);
	}

	@Test
	void theSavedStateOfAFailedRunValidatesAgainstTheSchema() throws IOException {
		Session session = new Session(config().build());
		assertThatIllegalStateException().isThrownBy(() -> session.runSync(FAIL, "top-level boom"));
		session.close();
		String text = Files.readString(onlyFile());
		assertThat(SCHEMA.validate(text, InputFormat.JSON)).isEmpty();
		JsonNode run = JSON.readTree(text).get("runs").get(0);
		assertThat(run.get("status").asString()).isEqualTo("Failed");
		assertThat(run.get("end_time").isNumber()).isTrue();
		JsonNode output = run.get("edges").get(0).get("details").get("output");
		assertThat(output.get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(output.get("message").asString()).isEqualTo("top-level boom");
	}

	@Test
	void theSavedStateOfATimedOutRunValidatesAgainstTheSchema() throws IOException {
		FunctionNode<Integer> sleeper = FunctionNode.of("sleeper", (Integer millis) -> {
			Thread.sleep(millis);
			return millis;
		});
		FunctionNode<Integer> waiting = FunctionNode.of("waiting", (Integer millis) -> call(sleeper, millis));
		Session session = new Session(config().timeout(Duration.ofMillis(200)).build());
		assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(waiting, 10_000));
		session.close();
		String text = Files.readString(onlyFile());
		assertThat(SCHEMA.validate(text, InputFormat.JSON)).isEmpty();
		JsonNode run = JSON.readTree(text).get("runs").get(0);
		assertThat(run.get("status").asString()).isEqualTo("Failed");
		assertThat(run.get("end_time").isNumber()).isTrue();
		assertThat(run.get("edges")).hasSize(2).allSatisfy((edge) -> {
			assertThat(edge.get("details").get("status").asString()).isEqualTo("Failed");
			assertThat(edge.get("details").get("output").get("type").asString())
				.isEqualTo(GlobalTimeoutException.class.getSimpleName());
			// The original's words: "Cancelled request <request id>".
			assertThat(edge.get("stamp").get("identifier").asString())
				.isEqualTo("Cancelled request " + edge.get("identifier").asString());
		});
		assertThat(run.get("nodes"))
			.allSatisfy((node) -> assertThat(node.get("details").get("internals").has("latency")).isTrue());
		assertThat(run.get("steps")).hasSize(4);
	}

	@Test
	void aNodeReturningNullIsSavedAsCompletedWithANullOutput() throws IOException {
		FunctionNode<Object> nothing = FunctionNode.of("nothing", () -> null);
		Session session = new Session(config().build());
		session.runSync(nothing);
		session.close();
		String text = Files.readString(onlyFile());
		assertThat(SCHEMA.validate(text, InputFormat.JSON)).isEmpty();
		JsonNode run = JSON.readTree(text).get("runs").get(0);
		assertThat(run.get("status").asString()).isEqualTo("Completed");
		assertThat(run.get("end_time").isNumber()).isTrue();
		JsonNode details = run.get("edges").get(0).get("details");
		assertThat(details.get("status").asString()).isEqualTo("Completed");
		assertThat(details.get("output").isNull()).isTrue();
		assertThat(details.get("input_args")).isEmpty();
	}

	@Test
	void thePayloadOfARunInProgressShowsItOpenAndValidatesAgainstTheSchema() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<String> blocking = FunctionNode.of("blocking", (String s) -> {
			started.countDown();
			release.await();
			return s;
		});
		FunctionNode<String> outer = FunctionNode.of("outer", (String s) -> call(blocking, s));
		try (Session session = new Session(config().saveState(false).build())) {
			CompletableFuture<ExecutionInfo> running = session.run(outer, "later");
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			String payload = session.payload();
			release.countDown();
			assertThat(SCHEMA.validate(payload, InputFormat.JSON)).isEmpty();
			JsonNode run = JSON.readTree(payload).get("runs").get(0);
			assertThat(run.get("status").asString()).isEqualTo("Open");
			assertThat(run.get("end_time").isNull()).isTrue();
			assertThat(run.get("edges")).hasSize(2).allSatisfy((edge) -> {
				assertThat(edge.get("details").get("status").asString()).isEqualTo("Open");
				assertThat(edge.get("details").get("output").isNull()).isTrue();
				assertThat(edge.get("parent").isNull()).isTrue();
			});
			assertThat(run.get("nodes")).hasSize(2).allSatisfy((node) -> {
				assertThat(node.get("details").get("internals").isObject()).isTrue();
				assertThat(node.get("details").get("internals")).isEmpty();
				assertThat(node.get("parent").isNull()).isTrue();
			});
			assertThat(running.get(10, TimeUnit.SECONDS).answer()).isEqualTo("later");
		}
	}

	@Test
	void theSavedStateOfAnEmptySessionValidatesAgainstTheSchema() throws IOException {
		Session session = new Session(config().build());
		session.close();
		Path file = this.directory.resolve("_" + session.identifier() + ".json");
		assertThat(files()).containsExactly(file);
		String text = Files.readString(file);
		assertThat(SCHEMA.validate(text, InputFormat.JSON)).isEmpty();
		JsonNode saved = JSON.readTree(text);
		assertThat(saved.get("runs").isArray()).isTrue();
		assertThat(saved.get("runs")).isEmpty();
		assertThat(saved.get("session_name").isNull()).isTrue();
	}

	@Test
	void theSchemaRejectsADocumentWhoseInternalsAreNotAnObject() throws IOException {
		Session session = new Session(config().build());
		session.runSync(LENGTH, "abc");
		session.close();
		String text = Files.readString(onlyFile());
		assertThat(SCHEMA.validate(text, InputFormat.JSON)).isEmpty();
		String broken = text.replaceFirst("\"internals\":\\{[^{}]*(\\{[^{}]*\\})?[^{}]*\\}", "\"internals\":null");
		assertThat(broken).isNotEqualTo(text);
		assertThat(SCHEMA.validate(broken, InputFormat.JSON)).isNotEmpty();
	}

	@Test
	void theSavedStateRecordsTheRunsRequestsAndNodes() throws IOException {
		Session session = new Session(config().sessionName("planner").build());
		ExecutionInfo info = session.runSync(Planner.class, "trip");
		session.close();
		RequestTemplate top = info.insertionRequests().get(0);
		JsonNode saved = read(onlyFile());

		assertThat(saved.get("session_id").asString()).isEqualTo(session.identifier());
		assertThat(saved.get("session_name").asString()).isEqualTo("planner");
		double sessionStart = saved.get("start_time").asDouble();
		double sessionEnd = saved.get("end_time").asDouble();
		assertThat(sessionStart).isLessThanOrEqualTo(sessionEnd);

		JsonNode run = saved.get("runs").get(0);
		assertThat(run.get("session_id").asString()).isEqualTo(session.identifier());
		assertThat(run.get("run_id").asString()).isEqualTo(top.identifier());
		assertThat(run.get("name").asString()).isEqualTo("Planner");
		assertThat(run.get("status").asString()).isEqualTo("Completed");
		double runStart = run.get("start_time").asDouble();
		double runEnd = run.get("end_time").asDouble();
		assertThat(runStart).isEqualTo(top.parent().stamp().time());
		assertThat(runEnd).isEqualTo(top.stamp().time());
		assertThat(sessionStart).isLessThanOrEqualTo(runStart);
		assertThat(runStart).isLessThanOrEqualTo(runEnd);
		assertThat(runEnd).isLessThanOrEqualTo(sessionEnd);

		List<Long> steps = new ArrayList<>();
		run.get("steps").forEach((step) -> steps.add(step.get("step").asLong()));
		assertThat(steps).containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());

		JsonNode edges = run.get("edges");
		JsonNode root = edge(edges, top.identifier());
		assertThat(root.get("source").isNull()).isTrue();
		assertThat(root.get("target").asString()).isEqualTo(top.sinkId());
		assertThat(root.get("stamp").get("identifier").asString()).isEqualTo("Finished executing Planner");
		assertThat(root.get("details").get("input_args")).hasSize(1);
		assertThat(root.get("details").get("input_args").get(0).asString()).isEqualTo("trip");
		assertThat(root.get("details").get("input_kwargs").isObject()).isTrue();
		assertThat(root.get("details").get("input_kwargs")).isEmpty();
		assertThat(root.get("details").get("status").asString()).isEqualTo("Completed");
		JsonNode output = root.get("details").get("output");
		assertThat(output.get("upper").asString()).isEqualTo("TRIP");
		assertThat(output.get("recovered").asString()).isEqualTo("recovered from boom");
		assertThat(output.get("lengths").toString()).isEqualTo("[1,2,3]");
		JsonNode rootParent = root.get("parent");
		assertThat(rootParent.get("stamp").get("identifier").asString()).isEqualTo("START CREATED Planner");
		assertThat(rootParent.get("stamp").get("step").asLong()).isZero();
		assertThat(rootParent.get("details").get("status").asString()).isEqualTo("Open");
		assertThat(rootParent.get("details").get("output").isNull()).isTrue();
		assertThat(rootParent.get("parent").isNull()).isTrue();

		for (JsonNode edge : edges) {
			if (edge != root) {
				assertThat(edge.get("source").asString()).isEqualTo(top.sinkId());
			}
		}
		RequestTemplate failed = info.requestForest()
			.children(top.sinkId())
			.stream()
			.filter((request) -> request.sinkName().equals("fail"))
			.findFirst()
			.orElseThrow();
		JsonNode failedEdge = edge(edges, failed.identifier());
		assertThat(failedEdge.get("details").get("status").asString()).isEqualTo("Failed");
		assertThat(failedEdge.get("details").get("input_args").get(0).asString()).isEqualTo("boom");
		JsonNode failure = failedEdge.get("details").get("output");
		assertThat(failure.isObject()).isTrue();
		assertThat(failure.propertyNames()).containsExactlyInAnyOrder("type", "message", "traceback");
		// The simple name, as the original writes it; the traceback's first line carries the full name.
		assertThat(failure.get("type").asString()).isEqualTo("IllegalStateException");
		assertThat(failure.get("message").asString()).isEqualTo("boom");
		assertThat(failure.get("traceback").asString()).startsWith("java.lang.IllegalStateException: boom")
			.contains("\tat ");
		assertThat(failedEdge.get("parent").get("details").get("status").asString()).isEqualTo("Open");

		JsonNode nodes = run.get("nodes");
		for (JsonNode node : nodes) {
			JsonNode internals = node.get("details").get("internals");
			assertThat(internals.isObject()).as("internals of %s", node.get("name")).isTrue();
			assertThat(internals.get("latency").get("total_time").isNumber()).isTrue();
			assertThat(internals.get("latency").get("total_time").asDouble()).isNotNegative();
			JsonNode parent = node.get("parent");
			assertThat(parent.isObject()).isTrue();
			assertThat(parent.get("identifier").asString()).isEqualTo(node.get("identifier").asString());
			assertThat(parent.get("details").get("internals").isObject()).isTrue();
			assertThat(parent.get("details").get("internals").has("latency")).isFalse();
			assertThat(parent.get("parent").isNull()).isTrue();
			assertThat(parent.get("stamp").get("step").asLong()).isLessThan(node.get("stamp").get("step").asLong());
		}
		JsonNode planner = nodes.get(0);
		assertThat(planner.get("name").asString()).isEqualTo("Planner");
		assertThat(planner.get("node_type").asString()).isEqualTo("Other");
		assertThat(planner.get("identifier").asString()).isEqualTo(top.sinkId());
		assertThat(planner.get("details").get("internals").get("plan").get("steps").asInt()).isEqualTo(3);
		assertThat(planner.get("details").get("internals").get("plan").get("goal").asString()).isEqualTo("trip");
		assertThat(planner.get("parent").get("details").get("internals")).isEmpty();
		assertThat(nodes).filteredOn((node) -> node.get("name").asString().equals("length")).hasSize(3)
			.allSatisfy((node) -> assertThat(node.get("node_type").asString()).isEqualTo("Tool"));
	}

	@Test
	void payloadMatchesWhatCloseSaves() throws IOException {
		Session session = new Session(config().sessionName("payload").build());
		session.runSync(Planner.class, "trip");
		JsonNode payload = JSON.readTree(session.payload());
		session.close();
		JsonNode saved = read(onlyFile());
		assertThat(payload.get("runs")).isEqualTo(saved.get("runs"));
		assertThat(payload.get("session_id")).isEqualTo(saved.get("session_id"));
		assertThat(SCHEMA.validate(session.payload(), InputFormat.JSON)).isEmpty();
	}

	@Test
	void anUnwritableStateDirectoryIsLoggedToTheLogFileAndDoesNotFailTheSession() throws IOException {
		Path blocker = Files.writeString(this.directory.resolve("blocker"), "a regular file");
		Path logFile = this.directory.resolve("logs").resolve("session.log");
		Session session = new Session(config().stateDirectory(blocker.resolve("sessions")).logFile(logFile).build());
		ExecutionInfo info = session.runSync(LENGTH, "four");
		assertThat(info.answer()).isEqualTo(4);
		assertThatCode(session::close).doesNotThrowAnyException();
		assertThat(session.isClosed()).isTrue();
		assertThat(Files.readString(blocker)).isEqualTo("a regular file");
		String log = Files.readString(logFile);
		assertThat(log).contains("ERROR").contains("Could not save the execution state").contains(blocker.toString());
	}

	@Test
	void anUnwritableStateDirectoryIsLoggedOnTheSessionLogger() throws IOException {
		Path blocker = Files.writeString(this.directory.resolve("blocker"), "a regular file");
		List<ILoggingEvent> events = captureSessionLog(() -> {
			Path unreachable = blocker.resolve("deeper").resolve("sessions");
			Session session = new Session(config().stateDirectory(unreachable).build());
			assertThat(session.runSync(LENGTH, "four").answer()).isEqualTo(4);
			assertThatCode(session::close).doesNotThrowAnyException();
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
			assertThat(event.getFormattedMessage()).contains("Could not save the execution state");
			assertThat(event.getThrowableProxy()).isNotNull();
		});
	}

	@Test
	void aDirectoryInTheWayOfTheStateFileIsLoggedAndLeavesNoTemporaryFile() throws IOException {
		Path inTheWay = Files.createDirectories(this.directory.resolve("_fixed.json"));
		Files.writeString(inTheWay.resolve("keep.txt"), "keep");
		List<ILoggingEvent> events = captureSessionLog(() -> {
			Session session = new Session(config().runIdentifier("fixed").build());
			session.runSync(LENGTH, "a");
			session.runSync(LENGTH, "b");
			assertThatCode(session::close).doesNotThrowAnyException();
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
			assertThat(event.getFormattedMessage()).contains("Could not save the execution state")
				.contains(inTheWay.toString());
		});
		try (Stream<Path> entries = Files.list(this.directory)) {
			assertThat(entries.toList()).containsExactly(inTheWay);
		}
		assertThat(Files.readString(inTheWay.resolve("keep.txt"))).isEqualTo("keep");
	}

	@Test
	void infoAfterCloseIsTheSavedState() throws IOException {
		Session session = new Session(config().sessionName("final").build());
		session.runSync(Planner.class, "trip");
		session.close();
		ExecutionInfo last = session.info();
		assertThat(session.info()).isSameAs(last);
		JsonNode run = read(onlyFile()).get("runs").get(0);
		assertThat(run.get("run_id").asString()).isEqualTo(last.insertionRequests().get(0).identifier());
		assertThat(run.get("nodes")).hasSize(last.nodeForest().size());
		assertThat(run.get("edges")).hasSize(last.requestForest().size());
		assertThat(run.get("steps")).hasSize(last.steps().size());
	}

	@Test
	void closingTwiceSavesOnce() throws IOException {
		Session session = new Session(config().sessionName("twice").build());
		session.runSync(LENGTH, "abc");
		session.close();
		Path file = onlyFile();
		String first = Files.readString(file);
		session.close();
		assertThat(files()).containsExactly(file);
		assertThat(Files.readString(file)).isEqualTo(first);
	}

	private static JsonNode edge(JsonNode edges, String requestId) {
		for (JsonNode edge : edges) {
			if (edge.get("identifier").asString().equals(requestId)) {
				return edge;
			}
		}
		throw new AssertionError("No edge " + requestId + " in " + edges);
	}

	private static JsonNode read(Path file) throws IOException {
		return JSON.readTree(Files.readString(file));
	}

	private Path onlyFile() throws IOException {
		List<Path> files = files();
		assertThat(files).hasSize(1);
		return files.get(0);
	}

	private List<Path> files() throws IOException {
		return listFiles(this.directory);
	}

	private static List<Path> listFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

	/** Something to run while the session logger is captured. */
	interface Action {

		void run() throws Exception;

	}

	static List<ILoggingEvent> captureSessionLog(Action action) {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.railtracks.Session");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			action.run();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		finally {
			logger.detachAppender(appender);
			appender.stop();
		}
		return new ArrayList<>(appender.list);
	}

	private static Schema loadSchema() {
		try (InputStream schema = SessionSavedStateTests.class.getResourceAsStream("/railtracks-state-schema.json")) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
