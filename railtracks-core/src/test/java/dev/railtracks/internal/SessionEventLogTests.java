package dev.railtracks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Session;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.TestNodes.CATCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionEventLog}.
 */
class SessionEventLogTests {

	@TempDir
	Path directory;

	private final Logger logger = (Logger) LoggerFactory.getLogger("dev.railtracks.Session");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level previousLevel;

	@BeforeEach
	void captureTheSessionLogger() {
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void restoreTheSessionLogger() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.previousLevel);
	}

	private ExecutorConfig.Builder config(LoggingSetting setting) {
		return ExecutorConfig.builder().loggingSetting(setting).stateDirectory(this.directory.resolve("state"));
	}

	private List<String> messages(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Test
	void regularLogsCreationsCompletionsAndFailures() {
		try (Session session = new Session(config(LoggingSetting.REGULAR).build())) {
			session.runSync(CATCHER, "boom");
		}
		assertThat(messages(Level.INFO)).contains("START CREATED catcher", "catcher CREATED fail", "catcher DONE")
			.anySatisfy((message) -> assertThat(message).startsWith("Saving execution info to "));
		assertThat(messages(Level.ERROR)).singleElement()
			.satisfies((message) -> assertThat(message).startsWith("fail FAILED").contains("boom"));
		assertThat(messages(Level.INFO)).noneMatch((message) -> message.startsWith("fail DONE"));
		assertThat(messages(Level.DEBUG)).isEmpty();
		assertThat(messages(Level.TRACE)).isEmpty();
	}

	@Test
	void eventsCarryTheSessionIdentifier() {
		String id;
		try (Session session = new Session(config(LoggingSetting.REGULAR).saveState(false).build())) {
			id = session.identifier();
			session.runSync(CATCHER, "boom");
		}
		assertThat(this.appender.list).isNotEmpty().allSatisfy((event) -> {
			assertThat(event.getLoggerName()).isEqualTo("dev.railtracks.Session");
			assertThat(event.getKeyValuePairs()).anySatisfy((pair) -> {
				assertThat(pair.key).isEqualTo("session_id");
				assertThat(pair.value).isEqualTo(id);
			});
		});
	}

	@Test
	void oneNodeFailureWithEndOnErrorIsLoggedOnceWithOneStackTrace() {
		try (Session session = new Session(config(LoggingSetting.REGULAR).saveState(false).endOnError(true).build())) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> session.runSync(CATCHER, "boom"));
		}
		List<ILoggingEvent> errors = this.appender.list.stream().filter((event) -> event.getLevel() == Level.ERROR).toList();
		assertThat(errors).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).startsWith("fail FAILED").contains("boom");
			assertThat(event.getThrowableProxy()).isNotNull();
		});
		assertThat(this.appender.list).filteredOn((event) -> event.getThrowableProxy() != null).hasSize(1);
		assertThat(messages(Level.WARN)).contains("Ending the run: fail FAILED and end-on-error is on");
	}

	@Test
	void theSessionIdIsInTheMdcWhileTheEngineLogs() {
		String id;
		try (Session session = new Session(config(LoggingSetting.REGULAR).saveState(false).build())) {
			id = session.identifier();
			session.runSync(CATCHER, "boom");
		}
		assertThat(this.appender.list).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry(SessionEventLog.MDC_KEY, id));
		assertThat(org.slf4j.MDC.get(SessionEventLog.MDC_KEY)).isNull();
	}

	@Test
	void anMdcValueTheApplicationSetIsRestoredAfterTheEngineLogs() {
		org.slf4j.MDC.put(SessionEventLog.MDC_KEY, "outer");
		try (SessionEventLog log = new SessionEventLog("inner", LoggingSetting.REGULAR, null)) {
			log.log(org.slf4j.event.Level.INFO, "event");
			assertThat(org.slf4j.MDC.get(SessionEventLog.MDC_KEY)).isEqualTo("outer");
		}
		finally {
			org.slf4j.MDC.remove(SessionEventLog.MDC_KEY);
		}
		assertThat(this.appender.list).singleElement()
			.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry(SessionEventLog.MDC_KEY, "inner"));
	}

	@Test
	void valuesInLogLinesAreTruncatedToTheConfiguredLength() throws IOException {
		String big = "x".repeat(7_500);
		Path logFile = this.directory.resolve("truncated.log");
		try (Session session = new Session(
				config(LoggingSetting.VERBOSE).saveState(false).logFile(logFile).maxLogLength(100).build())) {
			session.runSync(CATCHER, big);
		}
		assertThat(this.appender.list).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getFormattedMessage()).hasSizeLessThanOrEqualTo(100 + 20));
		assertThat(messages(Level.ERROR)).singleElement()
			.satisfies((message) -> assertThat(message).startsWith("fail FAILED: java.lang.IllegalStateException: xxx")
				.matches(".*x\\.\\.\\. \\(75[0-9][0-9] chars\\)"));
		assertThat(messages(Level.DEBUG)).anySatisfy(
				(message) -> assertThat(message).startsWith("catcher DONE with result").endsWith(" chars)"));
		// The file gets the same cut text; the stack trace below it is the backend's business and the file's own.
		assertThat(Files.readAllLines(logFile)).filteredOn((line) -> line.contains("] - "))
			.allSatisfy((line) -> assertThat(line).hasSizeLessThan(100 + 120));
	}

	@Test
	void quietLogsOnlyWarningsAndErrors() {
		try (Session session = new Session(config(LoggingSetting.QUIET).build())) {
			session.runSync(CATCHER, "boom");
		}
		assertThat(this.appender.list).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getLevel().isGreaterOrEqual(Level.WARN)).isTrue());
		assertThat(messages(Level.ERROR)).anySatisfy((message) -> assertThat(message).startsWith("fail FAILED"));
	}

	@Test
	void quietStillLogsAWarningForAnUnsafeSessionName() {
		try (Session session = new Session(config(LoggingSetting.QUIET).sessionName("a/b").build())) {
			session.runSync(CATCHER, "boom");
		}
		assertThat(messages(Level.WARN)).anySatisfy((message) -> assertThat(message).contains("'a/b'"));
	}

	@Test
	void noneLogsNothing() throws IOException {
		Path logFile = this.directory.resolve("none.log");
		try (Session session = new Session(config(LoggingSetting.NONE).sessionName("a/b").logFile(logFile).build())) {
			session.runSync(CATCHER, "boom");
		}
		assertThat(this.appender.list).isEmpty();
		assertThat(!Files.exists(logFile) || Files.size(logFile) == 0).isTrue();
	}

	@Test
	void verboseAlsoLogsEachMessageAtDebug() {
		try (Session session = new Session(config(LoggingSetting.VERBOSE).saveState(false).build())) {
			session.runSync(CATCHER, "boom");
		}
		List<String> debug = messages(Level.DEBUG);
		assertThat(debug).anySatisfy((message) -> assertThat(message).contains("is initialized"));
		assertThat(debug).anySatisfy((message) -> assertThat(message).startsWith("RequestCreation catcher"));
		assertThat(debug).anySatisfy((message) -> assertThat(message).startsWith("RequestCreation fail"));
		assertThat(debug)
			.anySatisfy((message) -> assertThat(message).startsWith("catcher DONE with result caught boom"));
		assertThat(debug).anySatisfy((message) -> assertThat(message).startsWith("fail FAILED with error"));
		assertThat(messages(Level.INFO)).contains("START CREATED catcher", "catcher CREATED fail", "catcher DONE");
	}

	@Test
	void theLogFileReceivesTheSessionsEventsWhateverTheBackendLevel() throws IOException {
		this.logger.setLevel(Level.OFF);
		Path logFile = this.directory.resolve("logs").resolve("session.log");
		String id;
		try (Session session = new Session(config(LoggingSetting.REGULAR).saveState(false).logFile(logFile).build())) {
			id = session.identifier();
			session.runSync(CATCHER, "boom");
		}
		assertThat(this.appender.list).isEmpty();
		List<String> lines = Files.readAllLines(logFile);
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("INFO [" + id + "] - START CREATED catcher"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("INFO [" + id + "] - catcher CREATED fail"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("ERROR [" + id + "] - fail FAILED"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("INFO [" + id + "] - catcher DONE"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains("DEBUG"));
	}

	@Test
	void theLogFileIsAppendedToAndReleasedOnClose() throws IOException {
		Path logFile = this.directory.resolve("shared.log");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			ExecutorConfig config = config(LoggingSetting.QUIET).saveState(false).logFile(logFile).build();
			try (Session session = new Session(config)) {
				ids.add(session.identifier());
				session.runSync(CATCHER, "boom " + i);
			}
		}
		List<String> lines = Files.readAllLines(logFile);
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("[" + ids.get(0) + "] - fail FAILED"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("[" + ids.get(1) + "] - fail FAILED"));
		Files.delete(logFile);
		assertThat(logFile).doesNotExist();
	}

	@Test
	void concurrentSessionsWriteOnlyTheirOwnLinesToTheirOwnLogFiles() throws Exception {
		int sessions = 2;
		int calls = 50;
		CyclicBarrier barrier = new CyclicBarrier(sessions);
		List<CompletableFuture<String>> ids = new ArrayList<>();
		for (int s = 0; s < sessions; s++) {
			int number = s;
			ids.add(CompletableFuture.supplyAsync(() -> {
				FunctionNode<Integer> own = FunctionNode.of("node" + number, (Integer i) -> i + number);
				FunctionNode<Integer> loop = FunctionNode.of("loop" + number, (Integer n) -> {
					int total = 0;
					for (int i = 0; i < n; i++) {
						total += call(own, i);
					}
					return total;
				});
				ExecutorConfig config = config(LoggingSetting.REGULAR).saveState(false)
					.logFile(this.directory.resolve("session" + number + ".log"))
					.build();
				try (Session session = new Session(config)) {
					barrier.await(10, TimeUnit.SECONDS);
					session.runSync(loop, calls);
					return session.identifier();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, (task) -> new Thread(task).start()));
		}
		for (int s = 0; s < sessions; s++) {
			String id = ids.get(s).get(30, TimeUnit.SECONDS);
			List<String> lines = Files.readAllLines(this.directory.resolve("session" + s + ".log"));
			assertThat(lines).hasSize(2 * (calls + 1));
			assertThat(lines).allSatisfy((line) -> assertThat(line).contains("[" + id + "]"));
			String own = "node" + s;
			String loop = "loop" + s;
			assertThat(lines).allSatisfy((line) -> assertThat(line).containsAnyOf(own, loop));
			assertThat(lines).filteredOn((line) -> line.endsWith(loop + " CREATED " + own)).hasSize(calls);
			assertThat(lines).filteredOn((line) -> line.endsWith(own + " DONE")).hasSize(calls);
		}
	}

	@Test
	void isEnabledFollowsTheSettingAndWhereEventsGo() {
		this.logger.setLevel(Level.OFF);
		try (SessionEventLog quiet = new SessionEventLog("quiet", LoggingSetting.QUIET, null);
				SessionEventLog filed = new SessionEventLog("filed", LoggingSetting.REGULAR,
						this.directory.resolve("filed.log"))) {
			assertThat(quiet.isEnabled(org.slf4j.event.Level.ERROR)).isFalse();
			assertThat(filed.isEnabled(org.slf4j.event.Level.INFO)).isTrue();
			assertThat(filed.isEnabled(org.slf4j.event.Level.DEBUG)).isFalse();
			this.logger.setLevel(Level.WARN);
			assertThat(quiet.isEnabled(org.slf4j.event.Level.WARN)).isTrue();
			assertThat(quiet.isEnabled(org.slf4j.event.Level.INFO)).isFalse();
			assertThat(filed.logFile()).isEqualTo(this.directory.resolve("filed.log"));
		}
	}

	@Test
	void linesAfterCloseGoOnlyToTheBackend() throws IOException {
		Path file = this.directory.resolve("closed.log");
		SessionEventLog log = new SessionEventLog("closing", LoggingSetting.REGULAR, file);
		log.log(org.slf4j.event.Level.INFO, "before close");
		log.close();
		log.log(org.slf4j.event.Level.INFO, "after close");
		log.close();
		assertThat(Files.readString(file)).contains("before close").doesNotContain("after close");
		assertThat(messages(Level.INFO)).containsExactly("before close", "after close");
	}

	@Test
	void errorsAreWrittenWithTheirStackTrace() throws IOException {
		Path file = this.directory.resolve("error.log");
		try (SessionEventLog log = new SessionEventLog("errors", LoggingSetting.QUIET, file)) {
			log.log(org.slf4j.event.Level.ERROR, "it broke", new IllegalArgumentException("bad input"));
			log.log(org.slf4j.event.Level.INFO, "not logged");
		}
		assertThat(Files.readString(file)).contains("ERROR [errors] - it broke")
			.contains("java.lang.IllegalArgumentException: bad input")
			.doesNotContain("not logged");
	}

	@Test
	void aLogFileThatCannotBeOpenedFailsTheSession() throws IOException {
		Path blocker = Files.writeString(this.directory.resolve("blocker"), "file");
		ExecutorConfig config = config(LoggingSetting.REGULAR).logFile(blocker.resolve("session.log")).build();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> new Session(config))
			.withMessageContaining(blocker.resolve("session.log").toString());
	}

}
