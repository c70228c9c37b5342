package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksHome}: where the record goes when no state directory is configured, resolved as the
 * original's {@code resolve_railtracks_home}.
 */
class RailtracksHomeTests {

	@TempDir
	Path root;

	@Test
	void theEnvironmentVariableWinsOverAnyDirectoryFound() throws IOException {
		Path project = Files.createDirectories(this.root.resolve("project/.railtracks")).getParent();
		Path elsewhere = this.root.resolve("elsewhere");
		assertThat(RailtracksHome.resolve(elsewhere.toString(), project))
			.isEqualTo(elsewhere.resolve(".railtracks"));
	}

	@Test
	void aBlankEnvironmentVariableCountsAsUnset() throws IOException {
		Path home = Files.createDirectories(this.root.resolve("project/.railtracks"));
		assertThat(RailtracksHome.resolve("  ", home.getParent())).isEqualTo(home);
	}

	@Test
	void theNearestExistingDirectoryWalkingUpFromASubdirectoryIsUsed() throws IOException {
		Path outer = Files.createDirectories(this.root.resolve(".railtracks"));
		Path project = Files.createDirectories(this.root.resolve("project/.railtracks")).getParent();
		Path module = Files.createDirectories(project.resolve("services/api"));
		assertThat(RailtracksHome.resolve(null, module)).isEqualTo(project.resolve(".railtracks"));
		assertThat(RailtracksHome.resolve(null, this.root.resolve("other"))).isEqualTo(outer);
	}

	@Test
	void aFileNamedRailtracksIsNotTheDirectory() throws IOException {
		Path project = Files.createDirectories(this.root.resolve("project"));
		Files.writeString(project.resolve(".railtracks"), "not a directory");
		Path home = Files.createDirectories(this.root.resolve(".railtracks"));
		assertThat(RailtracksHome.resolve(null, project)).isEqualTo(home);
	}

	@Test
	void withoutOneTheWorkingDirectoryGetsItWithAWarningOncePerDirectory() throws IOException {
		Path module = Files.createDirectories(this.root.resolve("module"));
		Logger logger = (Logger) LoggerFactory.getLogger(RailtracksHome.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			Path first = RailtracksHome.resolve(null, module);
			Path second = RailtracksHome.resolve(null, module);
			assertThat(first).isEqualTo(second).isEqualTo(module.toAbsolutePath().resolve(".railtracks"));
			List<String> warnings = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0)).contains("No '.railtracks' directory found in '" + module.toAbsolutePath())
				.contains("RAILTRACKS_HOME");
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void aSessionWithoutAStateDirectorySavesUnderDataSessionsOfTheHome() throws IOException {
		Path saved = null;
		try (Session session = new Session(ExecutorConfig.builder().sessionName("home-test").build())) {
			session.runSync(TestNodes.LENGTH, "abc");
			saved = DefaultStateDirectory.path().resolve("home-test_" + session.identifier() + ".json");
		}
		finally {
			assertThat(saved).exists();
			assertThat(JsonMapper.builder().build().readTree(saved.toFile()).get("session_name").asString())
				.isEqualTo("home-test");
			DefaultStateDirectory.delete(saved);
		}
	}

	@Test
	void anExplicitStateDirectoryWins() {
		ExecutorConfig config = ExecutorConfig.builder().stateDirectory(this.root).build();
		assertThat(config.stateDirectory()).isEqualTo(this.root);
		assertThat(config.configuredStateDirectory()).isEqualTo(this.root);
		assertThat(config.toBuilder().build().stateDirectory()).isEqualTo(this.root);
	}

}
