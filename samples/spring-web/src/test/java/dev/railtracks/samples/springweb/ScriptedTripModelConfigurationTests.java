package dev.railtracks.samples.springweb;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code trip-planner.model-delay}: the scripted model answers the same, only later.
 */
class ScriptedTripModelConfigurationTests {

	private static final ModelRequest FIRST_TURN = new ModelRequest(List.of(new UserMessage("visit Kyoto")), List.of(),
			null);

	private final ScriptedTripModelConfiguration configuration = new ScriptedTripModelConfiguration();

	@Test
	void aDelayedModelAnswersTheSameAfterTheDelay() {
		LanguageModel prompt = this.configuration.tripPlannerModel(Duration.ZERO);
		LanguageModel delayed = this.configuration.tripPlannerModel(Duration.ofMillis(150));
		long start = System.nanoTime();
		var answer = delayed.chat(FIRST_TURN);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(answer).isEqualTo(prompt.chat(FIRST_TURN));
		assertThat(delayed.modelName()).isEqualTo(prompt.modelName());
	}

	@Test
	void aNegativeDelayIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.configuration.tripPlannerModel(Duration.ofMillis(-1)))
			.withMessage("trip-planner.model-delay must not be negative but was PT-0.001S");
	}

}
