package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that throws is logged as the session's {@link ExecutorConfig#loggingSetting()} says: at WARN, with
 * its stack trace, on the session's logger and log file, and not at all with {@link LoggingSetting#NONE}.
 */
class SubscriberFailureLoggingTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(LoggingSetting.class)
	void aThrowingSubscriberIsLoggedPerTheLoggingSetting(LoggingSetting setting) throws IOException {
		Path logFile = this.directory.resolve("session.log");
		List<String> warnings = captureWarnings(() -> {
			try (Session session = new Session(ExecutorConfig.builder()
				.saveState(false)
				.loggingSetting(setting)
				.logFile(logFile)
				.build())) {
				session.publisher().subscribe((message) -> {
					throw new IllegalStateException("subscriber broke");
				}, "breaking subscriber");
				assertThat(session.runSync(TestNodes.LENGTH, "abc").answer()).isEqualTo(3);
			}
		});
		String fileText = Files.exists(logFile) ? Files.readString(logFile) : "";
		if (setting == LoggingSetting.NONE) {
			assertThat(warnings).noneMatch((line) -> line.contains("breaking subscriber"));
			assertThat(fileText).doesNotContain("breaking subscriber");
		}
		else {
			assertThat(warnings).anyMatch((line) -> line.startsWith("Subscriber 'breaking subscriber' failed on ")
					&& line.endsWith("subscriber broke"));
			assertThat(fileText).contains("Subscriber 'breaking subscriber' failed on").contains("subscriber broke");
		}
	}

	/** WARN lines on any Railtracks logger while the action runs, each with its failure's message. */
	private static List<String> captureWarnings(ThrowingRunnable action) throws IOException {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.railtracks");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			action.run();
		}
		finally {
			logger.detachAppender(appender);
		}
		return appender.list.stream()
			.filter((event) -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
			.map((event) -> event.getFormattedMessage() + " "
					+ ((event.getThrowableProxy() != null) ? event.getThrowableProxy().getMessage() : ""))
			.toList();
	}

	interface ThrowingRunnable {

		void run() throws IOException;

	}

}
