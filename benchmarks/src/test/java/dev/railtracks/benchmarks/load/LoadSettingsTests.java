package dev.railtracks.benchmarks.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The load driver's options.
 */
class LoadSettingsTests {

	@Test
	void defaultsMeasureTheDemoWithSavingOnBesideTheBaseline() {
		LoadSettings settings = LoadSettings.parse();
		assertThat(settings.connections()).isEqualTo(16);
		assertThat(settings.modelDelay()).isZero();
		assertThat(settings.jvmArgs()).containsExactly("-Xms1g", "-Xmx1g");
		assertThat(settings.variants()).extracting(AppVariant::label).containsExactly("demo, saving on",
				"plain Spring AI");
		assertThat(settings.variants().get(0).args()).containsExactly("--railtracks.save-state=true");
	}

	@Test
	void bothSavingsRunTwoDemosAndVirtualThreadsAreAJvmProperty() {
		LoadSettings settings = LoadSettings.parse("--save-state=both", "--virtual-threads=true",
				"--model-delay-ms=200", "--jvm-args=");
		assertThat(settings.variants()).extracting(AppVariant::app)
			.containsExactly(TripApp.DEMO, TripApp.DEMO, TripApp.PLAIN_SPRING_AI);
		assertThat(settings.appJvmArgs()).containsExactly("-Dspring.threads.virtual.enabled=true");
		assertThat(settings.commonAppArgs()).contains("--trip-planner.model-delay=200ms");
		assertThat(settings.modelDelay()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void badOptionsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("--conections=16"))
			.withMessageStartingWith("Unknown option(s) [conections]");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("--connections=0"))
			.withMessage("--connections must be a whole number of at least 1 but was '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("--model-delay-ms=soon"))
			.withMessage("--model-delay-ms must be a whole number of at least 0 but was 'soon'");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("--memory=yes"))
			.withMessage("--memory must be true or false but was 'yes'");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("--save-state=sometimes"))
			.withMessage("--save-state must be on, off or both but was sometimes");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.parse("16"))
			.withMessageStartingWith("Expected --name=value but got '16'");
	}

}
