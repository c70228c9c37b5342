package dev.railtracks.autoconfigure.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the checks of {@link RailtracksAgentProperties}: every {@code railtracks.agent.*} key fails startup with
 * an {@link InvalidConfigurationPropertyValueException}, which Spring Boot's failure analysis reports. // #15
 */
class RailtracksAgentPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class, RailtracksAgentAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			railtracks.agent.max-rounds             | 0     | must be at least 1
			railtracks.agent.max-rounds             | -3    | must be at least 1
			railtracks.agent.retry.max-attempts     | 0     | must be at least 1 (1 disables retries)
			railtracks.agent.retry.initial-backoff  | -1s   | must be zero or longer
			railtracks.agent.retry.max-backoff      | 100ms | must not be shorter than railtracks.agent.retry.initial-backoff (500ms)
			railtracks.agent.retry.multiplier       | 0.5   | must be a number of at least 1
			railtracks.agent.retry.multiplier       | NaN   | must be a number of at least 1
			railtracks.agent.retry.multiplier       | Infinity | must be a number of at least 1
			""")
	void aBadValueFailsStartupNamingThePropertyItsValueAndTheReason(String key, String value, String reason) {
		this.contextRunner.withPropertyValues(key + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo(key);
					assertThat(ex.getReason()).isEqualTo(reason);
				}));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			railtracks.agent.pricing[gpt-x].input-per-million=2.5          | railtracks.agent.pricing[gpt-x].output-per-million
			railtracks.agent.pricing[gpt-x].output-per-million=10          | railtracks.agent.pricing[gpt-x].input-per-million
			railtracks.agent.pricing[gpt-x].input-per-million=-1           | railtracks.agent.pricing[gpt-x].input-per-million
			""")
	void aModelPricedByHalfOrBelowZeroFailsStartupNamingTheMissingOrBadPrice(String setting, String key) {
		this.contextRunner.withPropertyValues(setting, "railtracks.agent.pricing[other].input-per-million=1",
				"railtracks.agent.pricing[other].output-per-million=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(key)));
	}

	@Test
	void maxBackoffIsComparedWithTheConfiguredInitialBackoff() {
		this.contextRunner
			.withPropertyValues("railtracks.agent.retry.initial-backoff=2s", "railtracks.agent.retry.max-backoff=1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.agent.retry.max-backoff")
				.hasMessageContaining("initial-backoff (2000ms)"));
		this.contextRunner
			.withPropertyValues("railtracks.agent.retry.initial-backoff=2s", "railtracks.agent.retry.max-backoff=2s",
					"railtracks.agent.retry.multiplier=1", "railtracks.agent.retry.max-attempts=1",
					"railtracks.agent.max-rounds=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startupFailsWithBootsFailureAnalysisNamingThePropertyAndNoStackTrace(CapturedOutput output) {
		SpringApplication application = new SpringApplication(AgentApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--railtracks.agent.max-rounds=0", "--railtracks.save-state=false"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '0' for configuration property 'railtracks.agent.max-rounds'")
			.contains("Validation failed for the following reason:")
			.contains("must be at least 1")
			.doesNotContain("\tat ");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RailtracksAutoConfiguration.class, RailtracksAgentAutoConfiguration.class })
	static class AgentApplication {

	}

}
