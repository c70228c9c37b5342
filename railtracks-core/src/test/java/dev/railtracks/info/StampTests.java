package dev.railtracks.info;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link Stamp}.
 */
class StampTests {

	@Test
	void stampsOrderByStepThenByTime() {
		Stamp early = Stamp.of(1, 500, "b");
		Stamp late = Stamp.of(1, 900, "a");
		Stamp first = Stamp.of(0, 1_000, "c");
		Stamp last = Stamp.of(2, 10, "d");
		List<Stamp> stamps = new ArrayList<>(List.of(last, late, early, first));
		stamps.sort(null);
		assertThat(stamps).containsExactly(first, early, late, last);
		assertThat(early.compareTo(late)).isNegative();
		assertThat(late.compareTo(early)).isPositive();
		assertThat(early.compareTo(Stamp.of(1, 500, "other"))).isZero();
	}

	@Test
	void stampsAreEqualWhenStepTimeAndIdentifierAre() {
		Stamp stamp = Stamp.of(3, 42, "x CREATED y");
		assertThat(stamp).isEqualTo(Stamp.of(3, 42, "x CREATED y"))
			.isEqualTo(Stamp.created(3, 42, "x", "y"))
			.hasSameHashCodeAs(Stamp.created(3, 42, "x", "y"))
			.isNotEqualTo(Stamp.of(4, 42, "x CREATED y"))
			.isNotEqualTo(Stamp.of(3, 43, "x CREATED y"))
			.isNotEqualTo(Stamp.of(3, 42, "x CREATED z"))
			.isNotEqualTo("x CREATED y");
	}

	@Test
	void identifiersDescribeWhatHappened() {
		assertThat(Stamp.created(0, 1, "START", "planner").identifier()).isEqualTo("START CREATED planner");
		assertThat(Stamp.finished(1, 2, "planner").identifier()).isEqualTo("Finished executing planner");
		assertThat(Stamp.cancelled(2, 3, "request-1").identifier()).isEqualTo("Cancelled request request-1");
		assertThat(Stamp.of(3, 4, "free text").identifier()).isEqualTo("free text");
	}

	@Test
	void timeIsExposedInSecondsNanosecondsAndAsAnInstant() {
		Stamp stamp = Stamp.of(0, 1_700_000_000_123_456_789L, "t");
		assertThat(stamp.epochNanos()).isEqualTo(1_700_000_000_123_456_789L);
		assertThat(stamp.time()).isCloseTo(1_700_000_000.123456789, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(stamp.instant()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L, 123_456_789L));
		assertThat(stamp.toString()).contains("step=0").contains("identifier=t");
	}

	@Test
	void aFreeTextStampNeedsAnIdentifier() {
		assertThatNullPointerException().isThrownBy(() -> Stamp.of(0, 0, null)).withMessageContaining("identifier");
	}

}
