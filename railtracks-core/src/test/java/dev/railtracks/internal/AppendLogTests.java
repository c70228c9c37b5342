package dev.railtracks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppendLog}.
 */
class AppendLogTests {

	@Test
	void snapshotsHoldEveryItemInAppendOrder() {
		AppendLog<Integer> log = new AppendLog<>();
		for (int i = 0; i < 50_000; i++) {
			log.add(i);
		}
		List<Integer> snapshot = items(log);
		assertThat(snapshot).hasSize(50_000);
		for (int i = 0; i < snapshot.size(); i++) {
			assertThat(snapshot.get(i)).isEqualTo(i);
		}
		assertThat(log.size()).isEqualTo(50_000);
	}

	@Test
	void snapshotsTakenWhileTheLogGrowsNeverFail() throws InterruptedException {
		for (int round = 0; round < 1000; round++) {
			AppendLog<Integer> log = new AppendLog<>();
			for (int i = 0; i < 16 * 1024 - 64; i++) {
				log.add(i);
			}
			AtomicBoolean writing = new AtomicBoolean(true);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			for (int w = 0; w < 2; w++) {
				threads.add(new Thread(() -> {
					await(start);
					for (int i = 0; i < 200; i++) {
						log.add(i);
					}
					writing.set(false);
				}));
			}
			threads.add(new Thread(() -> {
				await(start);
				try {
					while (writing.get()) {
						items(log);
					}
					items(log);
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}));
			threads.forEach(Thread::start);
			start.countDown();
			for (Thread thread : threads) {
				thread.join(10_000);
			}
			assertThat(failure.get()).as("round %d", round).isNull();
			assertThat(items(log)).hasSize(16 * 1024 - 64 + 400);
		}
	}

	@Test
	void aReplacedElementKeepsItsPlace() {
		AppendLog<String> log = new AppendLog<>();
		int first = log.add("a");
		int second = log.add("b");
		log.set(first, "A");
		assertThat(List.of(first, second)).containsExactly(0, 1);
		assertThat(log.get(0)).isEqualTo("A");
		List<String> items = new ArrayList<>();
		log.forEach(items::add);
		assertThat(items).containsExactly("A", "b");
		assertThat(log.size()).isEqualTo(2);
	}

	private static List<Integer> items(AppendLog<Integer> log) {
		List<Integer> items = new ArrayList<>();
		log.forEach(items::add);
		return items;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
