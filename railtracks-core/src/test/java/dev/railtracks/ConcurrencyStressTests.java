package dev.railtracks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.railtracks.info.ExecutionInfo;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.Railtracks.context;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Session} under load: many sessions, deep recursion, wide fan-out and many blocked nodes at once.
 * Each is bounded by a {@link Timeout}; none measures speed.
 */
class ConcurrencyStressTests {

	static final ExecutorConfig NO_SAVE = noSave().noTimeout().build();

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void twoHundredSessionsOnSixteenThreadsNeverSeeEachOthersContext() throws Exception {
		int sessions = 200;
		FunctionNode<String> read = FunctionNode.of("read", (Integer i) -> context().get("owner") + "@" + Railtracks.sessionId());
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> {
			List<String> seen = new ArrayList<>();
			CompletableFuture<String> async = callAsync(read, 0);
			seen.add(call(read, 1));
			seen.addAll(callBatch(read, List.of(2, 3, 4)));
			seen.add(async.join());
			return seen;
		});
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> failures = new ArrayList<>();
			for (int i = 0; i < sessions; i++) {
				String owner = "owner-" + i;
				failures.add(threads.submit(() -> {
					start.await();
					try (Session session = new Session(NO_SAVE, Map.of("owner", owner))) {
						ExecutionInfo info = session.runSync(parent);
						String expected = owner + "@" + session.identifier();
						if (!info.answer().equals(List.of(expected, expected, expected, expected, expected))) {
							return owner + " saw " + info.answer();
						}
						if (!context().get("owner").equals(owner)) {
							return owner + " saw " + context().get("owner") + " on its own thread";
						}
						return null;
					}
				}));
			}
			start.countDown();
			for (Future<String> failure : failures) {
				assertThat(failure.get(100, TimeUnit.SECONDS)).isNull();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void oneSessionTakesTopLevelRunsFromSixteenThreadsAtOnce() throws Exception {
		int threads = 16;
		int runsPerThread = 20;
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i);
		FunctionNode<Integer> parent = FunctionNode.of("parent",
				(Integer i) -> call(child, i) + callBatch(child, List.of(i, i)).get(1) + callAsync(child, i).join());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (Session session = new Session(NO_SAVE)) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<Integer>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					start.await();
					List<Integer> answers = new ArrayList<>();
					for (int r = 0; r < runsPerThread; r++) {
						int input = thread * 1000 + r;
						ExecutionInfo info = session.runSync(parent, input);
						String request = info.insertionRequests()
							.stream()
							.filter((each) -> each.inputArgs().equals(List.of(input)))
							.findFirst()
							.orElseThrow()
							.identifier();
						answers.add((Integer) info.getInfo(request).answer());
					}
					return answers;
				}));
			}
			start.countDown();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				assertThat(results.get(t).get(100, TimeUnit.SECONDS))
					.isEqualTo(IntStream.range(0, runsPerThread).mapToObj((r) -> 3 * (thread * 1000 + r)).toList());
			}
			ExecutionInfo info = session.info();
			assertThat(info.insertionRequests()).hasSize(threads * runsPerThread);
			assertThat(info.requestForest().size()).isEqualTo(threads * runsPerThread * 5);
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 10_000 })
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void deepRecursionOfSynchronousCallsCompletes(int depth) {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(Recurse.class, depth);
			assertThat(info.answer()).isEqualTo(depth);
			assertThat(info.requestForest().size()).isEqualTo(depth + 1);
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void deepRecursionCompletesWhenEveryCallRunsOnItsOwnThread() {
		ExecutorConfig handOff = NO_SAVE.toBuilder().inlineSynchronousCalls(false).build();
		try (Session session = new Session(handOff)) {
			assertThat(session.runSync(Recurse.class, 1_000).answer()).isEqualTo(1_000);
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void aFanOutOfTenThousandChildrenCompletesInOrder() {
		int size = 10_000;
		FunctionNode<Integer> square = FunctionNode.of("square", (Integer i) -> i * i);
		FunctionNode<List<Integer>> parent = FunctionNode.of("parent",
				() -> callBatch(square, IntStream.range(0, size).boxed().toList()));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo(IntStream.range(0, size).map((i) -> i * i).boxed().toList());
			assertThat(info.nodeForest().size()).isEqualTo(size + 1);
			assertThat(info.allStamps()).hasSize(2 * (size + 1));
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void tenThousandBlockedParentsDoNotStarveTheirChildren() {
		int parents = 10_000;
		CountDownLatch allStarted = new CountDownLatch(parents);
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> {
			allStarted.await();
			return i;
		});
		FunctionNode<Integer> blockedParent = FunctionNode.of("blockedParent", (Integer i) -> {
			allStarted.countDown();
			return call(child, i);
		});
		FunctionNode<List<Integer>> root = FunctionNode.of("root",
				() -> callBatch(blockedParent, IntStream.range(0, parents).boxed().toList()));
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(root);
			assertThat(info.answer()).isEqualTo(IntStream.range(0, parents).boxed().toList());
			assertThat(info.requestForest().size()).isEqualTo(2 * parents + 1);
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void aThousandSleepingChildrenSleepSideBySide() {
		int children = 1_000;
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		FunctionNode<Integer> sleeper = FunctionNode.of("sleeper", (Integer i) -> {
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				Thread.sleep(100);
			}
			finally {
				running.decrementAndGet();
			}
			return i;
		});
		FunctionNode<List<Integer>> parent = FunctionNode.of("parent",
				() -> callBatch(sleeper, IntStream.range(0, children).boxed().toList()));
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo(IntStream.range(0, children).boxed().toList());
		}
		assertThat(maxRunning.get()).as("children sleeping at the same time").isGreaterThanOrEqualTo(500);
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void aFanOutOfAsynchronousCallsThatWaitForEachOtherCompletes() {
		int children = 1_000;
		CountDownLatch allStarted = new CountDownLatch(children);
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> {
			allStarted.countDown();
			allStarted.await();
			return i;
		});
		FunctionNode<Integer> parent = FunctionNode.of("parent", () -> {
			List<CompletableFuture<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < children; i++) {
				calls.add(callAsync(child, i));
			}
			int sum = 0;
			for (CompletableFuture<Integer> each : calls) {
				sum += each.join();
			}
			return sum;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo(children * (children - 1) / 2);
			assertThat(session.info().requestForest().size()).isEqualTo(children + 1);
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void aFanOutOfTenThousandTrivialAsynchronousCallsCompletes() {
		int children = 10_000;
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i);
		FunctionNode<Long> parent = FunctionNode.of("parent", () -> {
			List<CompletableFuture<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < children; i++) {
				calls.add(callAsync(child, i));
			}
			long sum = 0;
			for (CompletableFuture<Integer> each : calls) {
				sum += each.join();
			}
			return sum;
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo((long) children * (children - 1) / 2);
			assertThat(session.info().requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void theExecutionInfoCanBeReadWhileAWideRunIsInProgress() throws Exception {
		int size = 10_000;
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i);
		FunctionNode<Integer> middle = FunctionNode.of("middle", (Integer i) -> call(child, i));
		FunctionNode<List<Integer>> parent = FunctionNode.of("parent",
				() -> callBatch(middle, IntStream.range(0, size).boxed().toList()));
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<ExecutionInfo> running = session.run(parent);
			int previous = 0;
			int snapshots = 0;
			while (!running.isDone() || snapshots == 0) {
				ExecutionInfo snapshot = session.info();
				int requests = snapshot.requestForest().size();
				assertThat(requests).isGreaterThanOrEqualTo(previous);
				assertThat(snapshot.nodeForest().size()).isEqualTo(requests);
				for (var request : snapshot.requestForest().heads().values()) {
					if (request.sourceId() != null) {
						assertThat(snapshot.nodeForest().contains(request.sourceId())).isTrue();
					}
				}
				assertThat(snapshot.allStamps()).isSorted();
				previous = requests;
				snapshots++;
			}
			ExecutionInfo info = running.get(60, TimeUnit.SECONDS);
			assertThat(info.requestForest().size()).isEqualTo(2 * size + 1);
			assertThat(info.requestForest().openRequests()).isEmpty();
			assertThat(info.allStamps()).hasSize(2 * (2 * size + 1));
		}
	}

	@ParameterizedTest
	@CsvSource({ "4, 55", "10, 15", "45, 23" })
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void roundsOfParallelCallsGetOneStampStepEachWithoutGaps(int rounds, int parallel) {
		FunctionNode<Double> random = FunctionNode.of("random", () -> ThreadLocalRandom.current().nextDouble());
		FunctionNode<List<Double>> top = FunctionNode.of("top", () -> {
			List<Double> all = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				List<CompletableFuture<Double>> calls = new ArrayList<>();
				for (int i = 0; i < parallel; i++) {
					calls.add(callAsync(random));
				}
				calls.forEach((each) -> all.add(each.join()));
			}
			return all;
		});
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(top);
			assertThat(info.answer()).asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize(rounds * parallel)
				.allSatisfy((value) -> assertThat((Double) value).isBetween(0.0, 1.0));
			int stamps = 2 * rounds * parallel + 2;
			assertThat(info.allStamps()).hasSize(stamps)
				.extracting((stamp) -> stamp.step())
				.containsExactlyElementsOf(LongStream.range(0, stamps).boxed().toList());
		}
	}

	@ParameterizedTest
	@CsvSource({ "2, 2, 3", "1, 3, 3", "3, 1, 3" })
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void nestedParallelCallsDoNotDeadlock(int rounds, int parallel, int depth) {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(Spread.class, rounds, parallel, depth);
			int width = rounds * parallel;
			assertThat(info.answer()).asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize((int) Math.pow(width, depth + 1));
			assertThat(info.insertionRequests()).hasSize(1);
			String topId = info.insertionRequests().get(0).sinkId();
			assertThat(info.requestForest().children(topId)).hasSize(width)
				.allSatisfy((request) -> assertThat(request.inputArgs()).containsExactly(rounds, parallel, depth - 1));
		}
	}

	/** Makes rounds of parallel calls of itself down to depth 0, where it makes random leaves. */
	static class Spread extends Node<List<Double>> {

		private final int rounds;

		private final int parallel;

		private final int depth;

		Spread(int rounds, int parallel, int depth) {
			this.rounds = rounds;
			this.parallel = parallel;
			this.depth = depth;
		}

		@Override
		public List<Double> invoke() {
			List<Double> all = new ArrayList<>();
			for (int round = 0; round < this.rounds; round++) {
				if (this.depth == 0) {
					all.addAll(callBatch(FunctionNode.of("leaf", (Integer i) -> ThreadLocalRandom.current().nextDouble()),
							IntStream.range(0, this.parallel).boxed().toList()));
				}
				else {
					List<CompletableFuture<List<Double>>> calls = new ArrayList<>();
					for (int i = 0; i < this.parallel; i++) {
						calls.add(callAsync(Spread.class, this.rounds, this.parallel, this.depth - 1));
					}
					calls.forEach((each) -> all.addAll(each.join()));
				}
			}
			return all;
		}

	}

	/** Calls itself synchronously until the depth is used up. */
	static class Recurse extends Node<Integer> {

		private final int depth;

		Recurse(int depth) {
			this.depth = depth;
		}

		@Override
		public Integer invoke() {
			return (this.depth == 0) ? 0 : call(Recurse.class, this.depth - 1) + 1;
		}

	}

}
