package dev.railtracks.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railtracks.support.EpochClock;
import dev.railtracks.support.Ids;

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
	void eachStampTakesTheNextStep() {
		StampManager stamper = new StampManager();
		Stamp first = stamper.createStamp("first");
		long versionStep = stamper.nextStep();
		Stamp third = stamper.createStamp("third");
		assertThat(List.of(first.step(), versionStep, third.step())).containsExactly(0L, 1L, 2L);
		assertThat(stamper.currentStep()).isEqualTo(3);
		assertThat(third.epochNanos()).isGreaterThanOrEqualTo(first.epochNanos());
		// A live manager keeps the manual stamps; a version's stamp lives in the version (see ExecutionInfoTests).
		assertThat(stamper.allStamps()).containsExactly(first, third);
	}

	@Test
	void stepLogsMapEachStepToWhatHappenedInOrder() {
		StampManager stamper = new StampManager();
		stamper.createStamp("one");
		stamper.nextStep();
		stamper.createStamp("two");
		Map<Long, List<String>> logs = stamper.stepLogs();
		assertThat(logs).containsExactly(Map.entry(0L, List.of("one")), Map.entry(2L, List.of("two")));
		logs.clear();
		assertThat(stamper.stepLogs()).hasSize(2);
	}

	@Test
	void allStampsIsASortedCopy() {
		StampManager stamper = new StampManager();
		stamper.createStamp("a");
		List<Stamp> copy = stamper.allStamps();
		copy.clear();
		stamper.createStamp("b");
		assertThat(stamper.allStamps()).extracting(Stamp::identifier).containsExactly("a", "b");
	}

	@Test
	void concurrentStampsGetUniqueDenseSteps() throws InterruptedException {
		StampManager stamper = new StampManager();
		int threads = 8;
		int perThread = 2_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String name = "worker-" + t;
			Thread worker = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < perThread; i++) {
					stamper.createStamp(name);
				}
			});
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(worker.isAlive()).isFalse();
		}
		List<Stamp> all = stamper.allStamps();
		assertThat(all).extracting(Stamp::step)
			.containsExactlyElementsOf(LongStream.range(0, (long) threads * perThread).boxed().toList());
		assertThat(stamper.currentStep()).isEqualTo((long) threads * perThread);
	}

	@Test
	void aFrozenCopyHasTheManualStampsAndThoseOfTheRecordedVersionsAndRefusesNewOnes() {
		StampManager stamper = new StampManager();
		Stamp manual = stamper.createStamp("manual");
		RequestTemplate top = RequestTemplate.created(null, Ids.randomHigh(), Ids.randomLow(), "top", NodeType.OTHER,
				new Object[0], Map.of(), stamper.nextStep(), EpochClock.nowNanos());
		RequestTemplate child = RequestTemplate.created(top, Ids.randomHigh(), Ids.randomLow(), "child",
				NodeType.OTHER, new Object[] { 1 }, Map.of(), stamper.nextStep(), EpochClock.nowNanos());
		RequestTemplate childDone = child.finished(2, RequestStatus.COMPLETED, Map.of(), 5, stamper.nextStep(),
				EpochClock.nowNanos());
		StampManager frozen = stamper.snapshot(new RequestTemplate[] { top, childDone });
		stamper.createStamp("after the copy");
		assertThat(frozen.allStamps()).extracting(Stamp::identifier)
			.containsExactly("manual", "START CREATED top", "top CREATED child", "Finished executing child");
		assertThat(frozen.allStamps().get(0)).isEqualTo(manual);
		assertThat(frozen.currentStep()).isEqualTo(4);
		assertThat(frozen.snapshot(new RequestTemplate[0])).isSameAs(frozen);
		assertThatThrownBy(frozen::nextStep).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> frozen.createStamp("x")).isInstanceOf(IllegalStateException.class);
	}

}
