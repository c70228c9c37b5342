package dev.railtracks.internal;

import org.junit.jupiter.api.Test;

import dev.railtracks.Session;
import dev.railtracks.info.Stamp;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the record a session's engine keeps, through the public API: what {@code info()} shows before and after
 * requests are recorded, and the steps the versions take.
 */
class RTStateTests {

	@Test
	void aSessionRecordsNothingUntilItsFirstRequest() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.info().requestForest().heads()).isEmpty();
			assertThat(session.info().allStamps()).isEmpty();
			session.runSync(LENGTH, "abc");
			assertThat(session.info().requestForest().heads()).hasSize(1);
		}
	}

	@Test
	void everyVersionTakesTheNextStepOfTheSessionsHistory() {
		try (Session session = new Session(NO_SAVE)) {
			session.runSync(LENGTH, "abc");
			session.runSync(LENGTH, "abcd");
			assertThat(session.info().allStamps()).extracting(Stamp::step).containsExactly(0L, 1L, 2L, 3L);
			assertThat(session.info().allStamps()).extracting(Stamp::identifier)
				.containsExactly("START CREATED length", "Finished executing length", "START CREATED length",
						"Finished executing length");
		}
	}

}
