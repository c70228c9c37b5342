package dev.railtracks.internal;

import org.junit.jupiter.api.Test;

import dev.railtracks.Session;
import dev.railtracks.info.Stamp;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RTState}'s own bookkeeping operations.
 */
class RTStateTests {

	@Test
	void isEmptyUntilTheFirstRequestIsRecorded() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(EngineOf.state(session).isEmpty()).isTrue();
			session.runSync(LENGTH, "abc");
			assertThat(EngineOf.state(session).isEmpty()).isFalse();
		}
	}

	@Test
	void aManualStampTakesTheNextStepAndJoinsTheSessionsHistory() {
		try (Session session = new Session(NO_SAVE)) {
			session.runSync(LENGTH, "abc");
			Stamp stamp = EngineOf.state(session).addStamp("checkpoint");
			assertThat(stamp.step()).isEqualTo(2);
			assertThat(session.info().allStamps()).last().isEqualTo(stamp);
			assertThat(session.info().allStamps()).extracting(Stamp::identifier)
				.containsExactly("START CREATED length", "Finished executing length", "checkpoint");
		}
	}

}
