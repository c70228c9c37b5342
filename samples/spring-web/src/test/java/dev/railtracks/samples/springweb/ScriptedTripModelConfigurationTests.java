package dev.railtracks.samples.springweb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code trip-planner.model-delay}: the scripted model answers the same, only later; {@code trip-planner.hold-round}:
 * it never answers that round (until interrupted) and answers the others as usual.
 */
class ScriptedTripModelConfigurationTests {

	private static final ModelRequest FIRST_TURN = new ModelRequest(List.of(new UserMessage("visit Kyoto")), List.of(),
			null);

	private final ScriptedTripModelConfiguration configuration = new ScriptedTripModelConfiguration();

	@Test
	void aDelayedModelAnswersTheSameAfterTheDelay() {
		LanguageModel prompt = this.configuration.tripPlannerModel(Duration.ZERO, 0);
		LanguageModel delayed = this.configuration.tripPlannerModel(Duration.ofMillis(150), 0);
		long start = System.nanoTime();
		var answer = delayed.chat(FIRST_TURN);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(answer).isEqualTo(prompt.chat(FIRST_TURN));
		assertThat(delayed.modelName()).isEqualTo(prompt.modelName());
	}

	@Test
	void aHeldRoundIsNeverAnsweredWhileTheOthersAre() throws Exception {
		LanguageModel prompt = this.configuration.tripPlannerModel(Duration.ZERO, 0);
		LanguageModel holding = this.configuration.tripPlannerModel(Duration.ZERO, 1);
		LanguageModel holdingRoundTwo = this.configuration.tripPlannerModel(Duration.ZERO, 2);
		assertThat(holdingRoundTwo.chat(FIRST_TURN)).isEqualTo(prompt.chat(FIRST_TURN));
		CompletableFuture<Object> held = new CompletableFuture<>();
		Thread asking = new Thread(() -> {
			try {
				held.complete(holding.chat(FIRST_TURN));
			}
			catch (RuntimeException ex) {
				held.completeExceptionally(ex);
			}
		});
		asking.start();
		// Unheld, the scripted model answers at once.
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> held.get(500, TimeUnit.MILLISECONDS));
		asking.interrupt();
		assertThat(held).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.withMessageContaining("Interrupted while the scripted model held round 1");
	}

	@Test
	void aHoldRoundThatIsNotAPlansIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.configuration.tripPlannerModel(Duration.ZERO, 4))
			.withMessage("trip-planner.hold-round must be 0 (none) to 3 but was 4");
	}

	@Test
	void aNegativeDelayIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.configuration.tripPlannerModel(Duration.ofMillis(-1), 0))
			.withMessage("trip-planner.model-delay must not be negative but was PT-0.001S");
	}

}
