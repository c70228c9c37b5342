package dev.railtracks.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksNode;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every {@code railtracks.*} key that can hold a bad value fails startup with an
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException} thrown by the properties layer in the properties' own terms,
 * which Spring Boot's failure analysis reports.
 */
class RailtracksPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksFlowAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			railtracks.timeout                          | 0          | must be positive; set railtracks.timeout-enabled=false for no limit
			railtracks.timeout                          | -5s        | must be positive; set railtracks.timeout-enabled=false for no limit
			railtracks.timeout                          | 400000000d | must be at most 106751 days (the longest delay that can be scheduled); set railtracks.timeout-enabled=false for no limit
			railtracks.max-log-length                   | 39         | must be at least 40 characters
			railtracks.run-identifier                   | ../x       | must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit (it names the saved file)
			railtracks.recent-sessions                  | -1         | must be zero or more
			railtracks.save-queue-capacity              | 0          | must be at least 1
			railtracks.shutdown.timeout                 | 0          | must be positive
			railtracks.state-retention.max-files        | 0          | must be positive
			railtracks.state-retention.max-age          | -1d        | must be positive
			railtracks.state-retention.max-total-size   | 0B         | must be positive
			railtracks.flows.plan.node                  | ''         | a flow starts a @RailtracksNode, named here
			railtracks.flows.plan.timeout               | -1s        | must be positive; leave it unset to keep railtracks.timeout
			railtracks.flows.plan.timeout               | 400000000d | must be at most 106751 days (the longest delay that can be scheduled); leave it unset to keep railtracks.timeout
			""")
	void aBadValueFailsStartupNamingThePropertyAndTheReason(String key, String value, String reason) {
		this.contextRunner.withPropertyValues(key + "=" + value).run(InvalidPropertyAssertions.failsOn(key, reason));
	}

	@Test
	void filesAndDirectoriesAreCheckedAgainstTheFileSystem(@TempDir Path directory) throws Exception {
		Path file = Files.createFile(directory.resolve("state.json"));
		this.contextRunner.withPropertyValues("railtracks.log-file=" + directory)
			.run(InvalidPropertyAssertions.failsOn("railtracks.log-file", "must be a file, not a directory"));
		this.contextRunner.withPropertyValues("railtracks.state-directory=" + file)
			.run(InvalidPropertyAssertions.failsOn("railtracks.state-directory", "must be a directory, not a file"));
	}

	@Test
	void switchedOffSettingsAreNotChecked() {
		this.contextRunner
			.withPropertyValues("railtracks.timeout-enabled=false", "railtracks.timeout=0",
					"railtracks.shutdown.close-sessions=false", "railtracks.shutdown.timeout=0",
					"railtracks.state-retention.enabled=false", "railtracks.state-retention.max-files=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startupFailsWithBootsFailureAnalysisNamingTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(RailtracksApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--railtracks.flows.plan.timeout=-3s",
				"--railtracks.flows.plan.node=greet", "--railtracks.save-state=false"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '-3s' for configuration property 'railtracks.flows.plan.timeout'")
			.contains("Validation failed for the following reason:")
			.contains("must be positive; leave it unset to keep railtracks.timeout");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RailtracksAutoConfiguration.class, RailtracksLifecycleAutoConfiguration.class,
			RailtracksFlowAutoConfiguration.class })
	static class RailtracksApplication {

	}

}
