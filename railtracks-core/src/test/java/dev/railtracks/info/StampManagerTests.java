package dev.railtracks.info;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.railtracks.support.EpochClock;
import dev.railtracks.support.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link StampManager}.
 */
class StampManagerTests {

	@Test
	void aNewManagerStartsAtStepZeroWithNoStamps() {
		StampManager stamper = new StampManager();
		assertThat(stamper.currentStep()).isZero();
		assertThat(stamper.allStamps()).isEmpty();
		assertThat(stamper.stepLogs()).isEmpty();
	}

	@Test
	void eachVersionTakesTheNextStep() {
		StampManager stamper = new StampManager();
		assertThat(List.of(stamper.nextStep(), stamper.nextStep(), stamper.nextStep())).containsExactly(0L, 1L, 2L);
		assertThat(stamper.currentStep()).isEqualTo(3);
		// A live manager only counts: a version's stamp lives in the version (see ExecutionInfoTests).
		assertThat(stamper.allStamps()).isEmpty();
	}

	@Test
	void stepLogsMapEachStepToWhatHappenedInOrder() {
		StampManager frozen = frozenWithChild(new StampManager());
		Map<Long, List<String>> logs = frozen.stepLogs();
		assertThat(logs).containsExactly(Map.entry(0L, List.of("START CREATED top")),
				Map.entry(1L, List.of("top CREATED child")), Map.entry(2L, List.of("Finished executing child")));
		logs.clear();
		assertThat(frozen.stepLogs()).hasSize(3);
	}

	@Test
	void allStampsIsASortedCopy() {
		StampManager frozen = frozenWithChild(new StampManager());
		List<Stamp> copy = frozen.allStamps();
		copy.clear();
		assertThat(frozen.allStamps()).extracting(Stamp::step).containsExactly(0L, 1L, 2L);
	}

	@Test
	void concurrentStepsAreUniqueAndDense() throws InterruptedException {
		StampManager stamper = new StampManager();
		int threads = 8;
		int perThread = 2_000;
		Set<Long> steps = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < perThread; i++) {
					steps.add(stamper.nextStep());
				}
			});
			workers[t].start();
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(worker.isAlive()).isFalse();
		}
		assertThat(steps).containsExactlyInAnyOrderElementsOf(
				LongStream.range(0, (long) threads * perThread).boxed().toList());
		assertThat(stamper.currentStep()).isEqualTo((long) threads * perThread);
	}

	@Test
	void aFrozenCopyHasTheStampsOfTheRecordedVersionsAndTakesNoSteps() {
		StampManager stamper = new StampManager();
		StampManager frozen = frozenWithChild(stamper);
		stamper.nextStep();
		assertThat(frozen.allStamps()).extracting(Stamp::identifier)
			.containsExactly("START CREATED top", "top CREATED child", "Finished executing child");
		assertThat(frozen.currentStep()).isEqualTo(3);
		assertThat(frozen.snapshot(new RequestTemplate[0])).isSameAs(frozen);
		assertThatThrownBy(frozen::nextStep).isInstanceOf(IllegalStateException.class);
	}

	/** A top-level request and its finished child, recorded with {@code stamper}'s steps, frozen into a copy. */
	private static StampManager frozenWithChild(StampManager stamper) {
		RequestTemplate top = RequestTemplate.created(null, Ids.randomHigh(), Ids.randomLow(), "top", NodeType.OTHER,
				new Object[0], Map.of(), stamper.nextStep(), EpochClock.nowNanos());
		RequestTemplate child = RequestTemplate.created(top, Ids.randomHigh(), Ids.randomLow(), "child",
				NodeType.OTHER, new Object[] { 1 }, Map.of(), stamper.nextStep(), EpochClock.nowNanos());
		RequestTemplate childDone = child.finished(2, RequestStatus.COMPLETED, Map.of(), 5, stamper.nextStep(),
				EpochClock.nowNanos());
		return stamper.snapshot(new RequestTemplate[] { top, childDone });
	}

}
