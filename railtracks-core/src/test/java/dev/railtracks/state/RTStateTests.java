package dev.railtracks.state;

import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;

import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RTState}'s own bookkeeping operations.
 */
class RTStateTests {

	@Test
	void isEmptyUntilTheFirstRequestIsRecorded() {
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			assertThat(session.state().isEmpty()).isTrue();
			session.runSync(LENGTH, "abc");
			assertThat(session.state().isEmpty()).isFalse();
		}
	}

	@Test
	void aManualStampTakesTheNextStepAndJoinsTheSessionsHistory() {
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			session.runSync(LENGTH, "abc");
			Stamp stamp = session.state().addStamp("checkpoint");
			assertThat(stamp.step()).isEqualTo(2);
			assertThat(session.info().allStamps()).last().isEqualTo(stamp);
			assertThat(session.info().allStamps()).extracting(Stamp::identifier)
				.containsExactly("START CREATED length", "Finished executing length", "checkpoint");
		}
	}

}
