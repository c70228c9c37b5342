package dev.railtracks.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.Order;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Railtracks;
import dev.railtracks.RailtracksHome;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.event.RailtracksEventBridge;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.execution.ExecutionStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RailtracksAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksFlowAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void defaultsMatchTheCoreDefaults() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksFlowAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ExecutorConfig.class)
					.hasSingleBean(SessionFactory.class)
					.hasSingleBean(RailtracksEventBridge.class)
					.hasSingleBean(RailtracksSessionTracker.class)
					.hasSingleBean(RailtracksNodeRegistry.class);
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				ExecutorConfig defaults = ExecutorConfig.defaults();
				assertThat(config.timeout()).isEqualTo(defaults.timeout()).isEqualTo(Duration.ofSeconds(150));
				assertThat(config.endOnError()).isFalse();
				assertThat(config.loggingSetting()).isEqualTo(LoggingSetting.REGULAR);
				assertThat(config.logFile()).isNull();
				assertThat(config.runIdentifier()).isNull();
				assertThat(config.sessionName()).isNull();
				assertThat(config.promptInjection()).isTrue();
				assertThat(config.saveState()).isTrue();
				assertThat(config.configuredStateDirectory()).isNull();
				assertThat(config.stateDirectory()).isEqualTo(RailtracksHome.sessionsDirectory(RailtracksHome.resolve()));
				assertThat(config.executionStrategy().name()).isEqualTo(defaults.executionStrategy().name());
				assertThat(config.inlineSynchronousCalls()).isTrue();
			});
	}

	@Test
	void everyPropertyBinds(@TempDir Path tempDir) {
		Path logFile = tempDir.resolve("events.log");
		Path stateDirectory = tempDir.resolve("state");
		this.contextRunner
			.withPropertyValues("railtracks.timeout=30", "railtracks.end-on-error=true",
					"railtracks.logging-setting=quiet", "railtracks.log-file=" + logFile, "railtracks.max-log-length=200",
					"railtracks.run-identifier=run-1", "railtracks.session-name=Nightly",
					"railtracks.prompt-injection=false", "railtracks.save-state=true",
					"railtracks.state-directory=" + stateDirectory, "railtracks.execution.strategy=platform-threads",
					"railtracks.execution.inline-synchronous-calls=false")
			.run((context) -> {
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.endOnError()).isTrue();
				assertThat(config.loggingSetting()).isEqualTo(LoggingSetting.QUIET);
				assertThat(config.logFile()).isEqualTo(logFile);
				assertThat(config.maxLogLength()).isEqualTo(200);
				assertThat(config.runIdentifier()).isEqualTo("run-1");
				assertThat(config.sessionName()).isEqualTo("Nightly");
				assertThat(config.promptInjection()).isFalse();
				assertThat(config.saveState()).isTrue();
				assertThat(config.stateDirectory()).isEqualTo(stateDirectory);
				assertThat(config.configuredStateDirectory()).isEqualTo(stateDirectory);
				assertThat(config.executionStrategy().name()).isEqualTo(ExecutionStrategy.platformThreads().name());
				assertThat(config.inlineSynchronousCalls()).isFalse();
			});
	}

	@Test
	void timeoutTakesDurationSuffixes() {
		this.contextRunner.withPropertyValues("railtracks.timeout=500ms")
			.run((context) -> assertThat(context.getBean(ExecutorConfig.class).timeout())
				.isEqualTo(Duration.ofMillis(500)));
	}

	@Test
	void timeoutCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("railtracks.timeout-enabled=false")
			.run((context) -> assertThat(context.getBean(ExecutorConfig.class).timeout()).isNull());
	}

	@Test
	void negativeTimeoutFailsStartupNamingKeyAndValue() {
		this.contextRunner.withPropertyValues("railtracks.timeout=-5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.timeout")
				.hasMessageContaining("PT-5S")
				.hasMessageContaining("must be positive")
				.hasMessageEndingWith("set railtracks.timeout-enabled=false for no limit")
				.hasMessageNotContaining("noTimeout()");
		});
	}

	@Test
	void aTooShortMaxLogLengthFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.max-log-length=10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Property railtracks.max-log-length with value '10' is invalid: must be at least 40 characters");
		});
	}

	@Test
	void tooLongTimeoutFailsStartupWithCoresMessage() {
		this.contextRunner.withPropertyValues("railtracks.timeout=400000000d").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.timeout")
				.hasMessageContaining("PT9600000000H")
				.hasMessageContaining("must be at most 106751 days")
				.hasMessageNotContaining("must be positive");
		});
	}

	@Test
	void aNullStrategyFailsNamingTheChoices() {
		RailtracksProperties properties = new RailtracksProperties();
		properties.getExecution().setStrategy(null);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(properties::afterPropertiesSet)
			.withMessageContaining("railtracks.execution.strategy")
			.withMessageContaining("must be one of auto, virtual-threads or platform-threads");
	}

	@Test
	void zeroTimeoutFailsStartup() {
		this.contextRunner.withPropertyValues("railtracks.timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().hasMessageContaining("railtracks.timeout");
		});
	}

	@Test
	void unknownStrategyFailsStartupNamingKeyAndValue() {
		this.contextRunner.withPropertyValues("railtracks.execution.strategy=green-threads").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasStackTraceContaining("railtracks.execution.strategy")
				.hasStackTraceContaining("green-threads");
		});
	}

	@Test
	void unknownLoggingSettingFailsStartup() {
		this.contextRunner.withPropertyValues("railtracks.logging-setting=chatty").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasStackTraceContaining("railtracks.logging-setting")
				.hasStackTraceContaining("chatty");
		});
	}

	@Test
	void unsafeRunIdentifierFailsStartupNamingKeyAndValue() {
		this.contextRunner.withPropertyValues("railtracks.run-identifier=../etc/passwd").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.run-identifier")
				.hasMessageContaining("../etc/passwd");
		});
	}

	@Test
	void stateDirectoryThatIsAFileFailsStartup(@TempDir Path tempDir) throws Exception {
		Path file = Files.createFile(tempDir.resolve("not-a-directory"));
		this.contextRunner.withPropertyValues("railtracks.state-directory=" + file).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.state-directory")
				.hasMessageContaining(file.toString());
		});
	}

	@Test
	void logFileThatIsADirectoryFailsStartup(@TempDir Path tempDir) {
		this.contextRunner.withPropertyValues("railtracks.log-file=" + tempDir).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.log-file")
				.hasMessageContaining(tempDir.toString());
		});
	}

	@Test
	void negativeRecentSessionsFailsStartup() {
		this.contextRunner.withPropertyValues("railtracks.recent-sessions=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.recent-sessions")
				.hasMessageContaining("must be zero or more");
		});
	}

	@Test
	void virtualThreadsNeedJava21() {
		this.contextRunner.withPropertyValues("railtracks.execution.strategy=virtual-threads").run((context) -> {
			if (Runtime.version().feature() >= 21) {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ExecutorConfig.class).executionStrategy().name())
					.isEqualTo(ExecutionStrategy.virtualThreads().name());
			}
			else {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("railtracks.execution.strategy")
					.hasMessageContaining("VIRTUAL_THREADS")
					.hasMessageEndingWith("set platform-threads (or auto, which picks them on this JVM)");
			}
		});
	}

	@Test
	void customizersRunInOrderAfterTheProperties() {
		this.contextRunner.withPropertyValues("railtracks.session-name=fromProperties")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				assertThat(config.sessionName()).isEqualTo("fromProperties-first-second");
			});
	}

	@Test
	void backsOffWhenTheUserDefinesTheBeans() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ExecutorConfig.class).hasSingleBean(SessionFactory.class);
			assertThat(context.getBean(ExecutorConfig.class)).isSameAs(context.getBean("customExecutorConfig"));
			assertThat(context.getBean(SessionFactory.class)).isSameAs(context.getBean("customSessionFactory"));
		});
	}

	@Test
	void backsOffToUserCollaborators() {
		this.contextRunner.withUserConfiguration(UserCollaboratorsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RailtracksSessionTracker.class)
				.hasSingleBean(RailtracksEventBridge.class)
				.hasSingleBean(RailtracksNodeRegistry.class);
			assertThat(context.getBean(RailtracksSessionTracker.class)).isSameAs(context.getBean("customTracker"));
			assertThat(context.getBean(RailtracksEventBridge.class)).isSameAs(context.getBean("customBridge"));
			assertThat(context.getBean(RailtracksNodeRegistry.class)).isSameAs(context.getBean("customRegistry"));
		});
	}

	@Test
	void backsOffWithoutRailtracksOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Session.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SessionFactory.class)
				.doesNotHaveBean(RailtracksProperties.class));
	}

	@Test
	void sessionBeanIsPrototypeAndUsesTheConfiguration() {
		this.contextRunner.withPropertyValues("railtracks.session-name=proto").run((context) -> {
			try (Session first = context.getBean(Session.class); Session second = context.getBean(Session.class)) {
				assertThat(first).isNotSameAs(second);
				assertThat(first.identifier()).isNotEqualTo(second.identifier());
				assertThat(first.name()).isEqualTo("proto");
			}
		});
	}

	@Test
	void sessionBeanBacksOffToAUserSessionBean() {
		this.contextRunner.withUserConfiguration(UserSessionConfiguration.class).run((context) -> {
			assertThat(context.getBeanNamesForType(Session.class)).containsExactly("customSession");
			try (Session session = context.getBean(Session.class)) {
				assertThat(session.name()).isEqualTo("user-session");
			}
		});
	}

	@Test
	void factoryAppliesPerSessionChangesAndContext() {
		this.contextRunner.run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			FunctionNode<Object> readContext = FunctionNode.of("read_context",
					() -> Railtracks.context().get("user"));
			try (Session session = factory.create(Map.of("user", "ada"))) {
				assertThat(session.runSync(readContext).answer()).isEqualTo("ada");
			}
			try (Session session = factory.create((builder) -> builder.sessionName("custom"))) {
				assertThat(session.name()).isEqualTo("custom");
				assertThat(session.config().sessionListeners()).contains(context.getBean(RailtracksEventBridge.class),
						context.getBean(RailtracksSessionTracker.class));
			}
			try (Session session = factory.create()) {
				assertThat(session.name()).isNull();
			}
		});
	}

	@Test
	void trackerFollowsSessionsOfTheFactoryWithinTheRecentLimit() {
		this.contextRunner.withPropertyValues("railtracks.recent-sessions=2").run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			RailtracksSessionTracker tracker = context.getBean(RailtracksSessionTracker.class);
			List<String> ids = new ArrayList<>();
			try (Session open = factory.create()) {
				assertThat(tracker.activeCount()).isEqualTo(1);
				assertThat(tracker.findActive(open.identifier())).contains(open);
				for (int i = 0; i < 3; i++) {
					try (Session session = factory.create()) {
						ids.add(session.identifier());
					}
				}
			}
			assertThat(tracker.activeCount()).isZero();
			assertThat(tracker.recentSessions()).hasSize(2);
			assertThat(tracker.findRecent(ids.get(0))).isEmpty();
			assertThat(tracker.findRecent(ids.get(2))).isPresent();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		ExecutorConfigCustomizer second() {
			return (builder) -> builder.sessionName(builder.build().sessionName() + "-second");
		}

		@Bean
		@Order(1)
		ExecutorConfigCustomizer first() {
			return (builder) -> builder.sessionName(builder.build().sessionName() + "-first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCollaboratorsConfiguration {

		@Bean
		RailtracksSessionTracker customTracker() {
			return new RailtracksSessionTracker(5);
		}

		@Bean
		RailtracksEventBridge customBridge(ApplicationEventPublisher publisher) {
			return new RailtracksEventBridge(publisher);
		}

		@Bean
		RailtracksNodeRegistry customRegistry(ListableBeanFactory beanFactory) {
			return new RailtracksNodeRegistry(beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		ExecutorConfig customExecutorConfig() {
			return ExecutorConfig.builder().saveState(false).build();
		}

		@Bean
		SessionFactory customSessionFactory(ExecutorConfig config) {
			return new SessionFactory(config, List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSessionConfiguration {

		@Bean(destroyMethod = "")
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		Session customSession(SessionFactory sessionFactory) {
			return sessionFactory.create((builder) -> builder.sessionName("user-session"));
		}

	}

}
