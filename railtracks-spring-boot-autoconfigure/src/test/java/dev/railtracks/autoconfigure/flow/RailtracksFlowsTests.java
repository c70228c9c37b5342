package dev.railtracks.autoconfigure.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.Flow;
import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RailtracksFlows}: flows declared under {@code railtracks.flows.<name>} start a
 * {@link RailtracksNode} with the application's configuration and their own options.
 */
class RailtracksFlowsTests {

	@TempDir
	Path stateDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksFlowAutoConfiguration.class))
		.withBean(Greeter.class);

	static class Greeter {

		@RailtracksNode("greet")
		String greet(String name) {
			return Railtracks.context().get("salutation") + ", " + name;
		}

	}

	@Test
	void aConfiguredFlowStartsItsNodeWithItsContextAndOptions() {
		this.contextRunner
			.withPropertyValues("railtracks.state-directory=" + this.stateDirectory, "railtracks.timeout=60s",
					"railtracks.flows.welcome.node=greet", "railtracks.flows.welcome.timeout=5s",
					"railtracks.flows.welcome.context.salutation=Hello", "railtracks.flows.quiet.node=greet",
					"railtracks.flows.quiet.save-state=false", "railtracks.flows.quiet.context.salutation=Hi")
			.run((context) -> {
				RailtracksFlows flows = context.getBean(RailtracksFlows.class);
				assertThat(flows.names()).containsExactly("welcome", "quiet");
				Flow<String> welcome = flows.get("welcome");
				assertThat(welcome.config().timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(welcome.invoke("Ada")).isEqualTo("Hello, Ada");
				Flow<String> quiet = flows.get("quiet");
				assertThat(quiet.config().timeout()).isEqualTo(Duration.ofSeconds(60));
				assertThat(quiet.invoke("Bo")).isEqualTo("Hi, Bo");
				context.getBean(SessionWriter.class).flush();
				try (Stream<Path> files = Files.list(this.stateDirectory)) {
					assertThat(files.map((file) -> file.getFileName().toString())).singleElement()
						.satisfies((name) -> assertThat(name).startsWith("welcome_"));
				}
				assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> flows.get("missing"))
					.withMessageContaining("'missing'")
					.withMessageContaining("[welcome, quiet]");
			});
	}

	@Test
	void noFlowsIsAnEmptyRegistry() {
		this.contextRunner.run((context) -> assertThat(context.getBean(RailtracksFlows.class).names()).isEmpty());
	}

	@Test
	void aFlowNamingAnUnknownNodeFailsStartupNamingTheKeyAndValue() {
		this.contextRunner.withPropertyValues("railtracks.flows.broken.node=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("railtracks.flows.broken.node")
				.hasMessageContaining("nope")
				.hasMessageContaining("[greet]");
		});
	}

	@Test
	void aFlowWithoutANodeOrWithABadTimeoutFailsStartup() {
		this.contextRunner.withPropertyValues("railtracks.flows.empty.save-state=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("railtracks.flows.empty.node");
		});
		this.contextRunner.withPropertyValues("railtracks.flows.neg.node=greet", "railtracks.flows.neg.timeout=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("railtracks.flows.neg.timeout")
					.hasMessageContaining("-1");
			});
	}

}
