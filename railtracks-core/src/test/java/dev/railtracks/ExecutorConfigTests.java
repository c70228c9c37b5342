package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.observation.DefaultNodeObservationConvention;
import dev.railtracks.observation.DefaultSessionObservationConvention;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ExecutorConfig}.
 */
class ExecutorConfigTests {

	@TempDir
	Path directory;

	@Test
	void defaultsMatchTheDesign() {
		ExecutorConfig config = ExecutorConfig.defaults();
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(150)).isEqualTo(ExecutorConfig.DEFAULT_TIMEOUT);
		assertThat(config.timeoutSetting()).isEqualTo("ExecutorConfig.Builder.timeout(Duration)");
		assertThat(config.endOnError()).isFalse();
		assertThat(config.loggingSetting()).isEqualTo(LoggingSetting.REGULAR);
		assertThat(config.logFile()).isNull();
		assertThat(config.maxLogLength()).isEqualTo(1000);
		assertThat(config.subscriber()).isNull();
		assertThat(config.runIdentifier()).isNull();
		assertThat(config.sessionName()).isNull();
		assertThat(config.promptInjection()).isTrue();
		assertThat(config.saveState()).isTrue();
		assertThat(config.configuredStateDirectory()).isNull();
		assertThat(config.stateDirectory()).isEqualTo(RailtracksHome.sessionsDirectory(RailtracksHome.resolve()));
		assertThat(config.executionStrategy()).isSameAs(ExecutionStrategy.auto());
		assertThat(config.inlineSynchronousCalls()).isTrue();
		assertThat(config.observationRegistry()).isSameAs(ObservationRegistry.NOOP);
		assertThat(config.nodeObservationConvention()).isNull();
		assertThat(config.sessionObservationConvention()).isNull();
		assertThat(config.sessionListeners()).isEmpty();
	}

	@Test
	void aNewBuilderBuildsTheDefaults() {
		assertThat(ExecutorConfig.builder().build()).usingRecursiveComparison().isEqualTo(ExecutorConfig.defaults());
	}

	@Test
	void sessionsWithoutARunIdentifierGetDistinctIdentifiers() {
		try (Session first = new Session(NO_SAVE);
				Session second = new Session(NO_SAVE)) {
			assertThat(first.identifier()).isNotEqualTo(second.identifier());
			assertThat(java.util.UUID.fromString(first.identifier()).version()).isEqualTo(4);
		}
	}

	@Test
	void aRunIdentifierBecomesTheSessionIdentifier() {
		ExecutorConfig config = noSave().runIdentifier("run-1.a_b").build();
		try (Session session = new Session(config)) {
			assertThat(session.identifier()).isEqualTo("run-1.a_b");
		}
	}

	@Test
	void timeoutMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ofSeconds(-1)))
			.withMessageContaining("timeout")
			.withMessageContaining("PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ZERO))
			.withMessageContaining("timeout")
			.withMessageContaining("PT0S");
		assertThat(ExecutorConfig.builder().timeout(Duration.ofMillis(1)).build().timeout())
			.isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void aTimeoutTooLongToScheduleIsRefused() {
		Duration millennium = Duration.ofDays(365L * 1000);
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().timeout(millennium))
			.withMessageContaining("timeout")
			.withMessageContaining(millennium.toString())
			.withMessageContaining("noTimeout()");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE)));
	}

	@Test
	void theLongestAcceptedTimeoutStillRuns() {
		FunctionNode<Integer> length = FunctionNode.of("length", (String s) -> s.length());
		ExecutorConfig config = noSave()
			.timeout(Duration.ofNanos(Long.MAX_VALUE))
			.build();
		try (Session session = new Session(config)) {
			assertThat(session.runSync(length, "abc").answer()).isEqualTo(3);
		}
	}

	@Test
	void noTimeoutRemovesTheLimit() {
		assertThat(ExecutorConfig.builder().noTimeout().build().timeout()).isNull();
		assertThat(ExecutorConfig.builder().timeout(null).build().timeout()).isNull();
		assertThat(ExecutorConfig.builder().noTimeout().timeout(Duration.ofSeconds(5)).build().timeout())
			.isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void loggingSettingMustNotBeNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().loggingSetting(null))
			.withMessageContaining("loggingSetting")
			.withMessageContaining("null");
	}

	@Test
	void runIdentifierMustBeSafeAsAFileName() {
		for (String unsafe : List.of("../x", "a/b", "a:b", "", " leading", ".hidden", "a b", "x".repeat(129))) {
			assertThatIllegalArgumentException().as(unsafe)
				.isThrownBy(() -> ExecutorConfig.builder().runIdentifier(unsafe))
				.withMessageContaining("runIdentifier")
				.withMessageContaining("'" + unsafe + "'");
		}
		assertThat(ExecutorConfig.builder().runIdentifier("x".repeat(128)).build().runIdentifier()).hasSize(128);
		assertThat(ExecutorConfig.builder().runIdentifier("abc").runIdentifier(null).build().runIdentifier()).isNull();
	}

	@Test
	void maxLogLengthMustLeaveRoomForANodeNameAndAnEvent() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().maxLogLength(39))
			.withMessage("maxLogLength must be at least 40 but was 39");
		assertThat(ExecutorConfig.builder().maxLogLength(40).build().maxLogLength()).isEqualTo(40);
	}

	@Test
	void logFileMustNotBeADirectory() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().logFile(this.directory))
			.withMessageContaining("logFile")
			.withMessageContaining(this.directory.toString());
		Path file = this.directory.resolve("session.log");
		assertThat(ExecutorConfig.builder().logFile(file).build().logFile()).isEqualTo(file);
	}

	@Test
	void stateDirectoryMustNotBeARegularFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("file.txt"), "x");
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().stateDirectory(file))
			.withMessageContaining("stateDirectory")
			.withMessageContaining(file.toString());
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().stateDirectory(null))
			.withMessageContaining("stateDirectory");
		Path missing = this.directory.resolve("not-yet");
		assertThat(ExecutorConfig.builder().stateDirectory(missing).build().stateDirectory()).isEqualTo(missing);
	}

	@Test
	void requiredComponentsMustNotBeNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().executionStrategy(null))
			.withMessageContaining("executionStrategy");
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().observationRegistry(null))
			.withMessageContaining("observationRegistry");
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().addSessionListener(null))
			.withMessageContaining("sessionListener");
	}

	@Test
	void aTimeoutCanNameTheSettingItCameFromUntilCodeSetsItAgain() {
		ExecutorConfig fromProperty = ExecutorConfig.builder().timeout(Duration.ofSeconds(20), "railtracks.timeout")
			.build();
		assertThat(fromProperty.timeoutSetting()).isEqualTo("railtracks.timeout");
		assertThat(fromProperty.toBuilder().build().timeoutSetting()).isEqualTo("railtracks.timeout");
		assertThat(fromProperty.toBuilder().timeout(Duration.ofSeconds(5)).build().timeoutSetting())
			.isEqualTo(ExecutorConfig.TIMEOUT_BUILDER_METHOD);
		assertThat(fromProperty.toString()).contains("timeoutSetting=railtracks.timeout");
	}

	@Test
	void aTimeoutSettingMustNameSomething() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ofSeconds(1), " "))
			.withMessage("The timeout's setting must name what sets it, but was ' '");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExecutorConfig.builder().timeout(Duration.ofSeconds(1), null))
			.withMessageContaining("'null'");
	}

	@Test
	void aRefusedValueLeavesTheBuilderAsItWas() {
		ExecutorConfig.Builder builder = ExecutorConfig.builder().timeout(Duration.ofSeconds(7));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.timeout(Duration.ofSeconds(-7)));
		assertThat(builder.build().timeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void toBuilderRoundTripsEveryValue() {
		Consumer<Object> subscriber = (item) -> {
		};
		SessionListener listener = new SessionListener() {
		};
		TestObservationRegistry registry = TestObservationRegistry.create();
		ExecutionStrategy strategy = ExecutionStrategy.platformThreads();
		ExecutorConfig config = ExecutorConfig.builder()
			.timeout(Duration.ofSeconds(3))
			.endOnError(true)
			.loggingSetting(LoggingSetting.QUIET)
			.logFile(this.directory.resolve("a.log"))
			.maxLogLength(80)
			.subscriber(subscriber)
			.runIdentifier("id-1")
			.sessionName("name")
			.promptInjection(false)
			.saveState(false)
			.stateDirectory(this.directory.resolve("state"))
			.executionStrategy(strategy)
			.inlineSynchronousCalls(false)
			.observationRegistry(registry)
			.nodeObservationConvention(new DefaultNodeObservationConvention())
			.sessionObservationConvention(new DefaultSessionObservationConvention())
			.addSessionListener(listener)
			.build();
		ExecutorConfig copy = config.toBuilder().build();
		assertThat(copy).isNotSameAs(config).usingRecursiveComparison().isEqualTo(config);
		assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(copy.endOnError()).isTrue();
		assertThat(copy.loggingSetting()).isEqualTo(LoggingSetting.QUIET);
		assertThat(copy.logFile()).isEqualTo(this.directory.resolve("a.log"));
		assertThat(copy.maxLogLength()).isEqualTo(80);
		assertThat(copy.subscriber()).isSameAs(subscriber);
		assertThat(copy.runIdentifier()).isEqualTo("id-1");
		assertThat(copy.sessionName()).isEqualTo("name");
		assertThat(copy.promptInjection()).isFalse();
		assertThat(copy.saveState()).isFalse();
		assertThat(copy.stateDirectory()).isEqualTo(this.directory.resolve("state"));
		assertThat(copy.executionStrategy()).isSameAs(strategy);
		assertThat(copy.inlineSynchronousCalls()).isFalse();
		assertThat(copy.observationRegistry()).isSameAs(registry);
		assertThat(copy.nodeObservationConvention()).isSameAs(config.nodeObservationConvention());
		assertThat(copy.sessionObservationConvention()).isSameAs(config.sessionObservationConvention());
		assertThat(copy.sessionListeners()).containsExactly(listener);
		ExecutorConfig changed = config.toBuilder().timeout(Duration.ofSeconds(9)).build();
		assertThat(changed.timeout()).isEqualTo(Duration.ofSeconds(9));
		assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(changed.sessionName()).isEqualTo("name");
	}

	@Test
	void aBuiltConfigIsImmutable() {
		SessionListener first = new SessionListener() {
		};
		ExecutorConfig.Builder builder = ExecutorConfig.builder().sessionName("before").addSessionListener(first);
		ExecutorConfig config = builder.build();
		builder.sessionName("after").saveState(false).addSessionListener(new SessionListener() {
		});
		assertThat(config.sessionName()).isEqualTo("before");
		assertThat(config.saveState()).isTrue();
		assertThat(config.sessionListeners()).containsExactly(first);
		assertThatThrownBy(() -> config.sessionListeners().add(first))
			.isInstanceOf(UnsupportedOperationException.class);
		ExecutorConfig.Builder fromConfig = config.toBuilder();
		fromConfig.addSessionListener(new SessionListener() {
		});
		assertThat(config.sessionListeners()).containsExactly(first);
		assertThat(ExecutorConfig.defaults().toBuilder().sessionName("x").build())
			.isNotSameAs(ExecutorConfig.defaults());
		assertThat(ExecutorConfig.defaults().sessionName()).isNull();
	}

	@Test
	void toStringNamesTheSettings() {
		assertThat(ExecutorConfig.builder().sessionName("named").build().toString()).contains("timeout=PT2M30S")
			.contains("loggingSetting=REGULAR")
			.contains("sessionName=named")
			.contains("saveState=true");
	}

}
