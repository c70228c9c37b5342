package dev.railtracks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Stamp;

import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link ExecutionInfo} taken mid-run is a snapshot: what the run does afterwards never shows in it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutionInfoSnapshotTests {

	@Test
	void aSnapshotTakenMidRunNeverChanges() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<Integer> parent = FunctionNode.of("parent", () -> {
			int first = Railtracks.call(LENGTH, "ab");
			started.countDown();
			release.await();
			return first + Railtracks.call(LENGTH, "cde");
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			CompletableFuture<ExecutionInfo> finished = session.run(parent);
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
			ExecutionInfo snapshot = session.info();
			String requests = describeRequests(snapshot);
			String nodes = describeNodes(snapshot);
			List<String> stamps = describe(snapshot.allStamps());
			List<String> stamperStamps = describe(snapshot.stamper().allStamps());
			String graph = snapshot.graphSerialization();
			assertThat(snapshot.requestForest().openRequests()).hasSize(1);

			release.countDown();
			ExecutionInfo last = finished.get(30, TimeUnit.SECONDS);
			assertThat(last.answer()).isEqualTo(5);
			assertThat(describe(last.allStamps())).hasSizeGreaterThan(stamps.size());

			assertThat(describeRequests(snapshot)).isEqualTo(requests);
			assertThat(describeNodes(snapshot)).isEqualTo(nodes);
			assertThat(describe(snapshot.allStamps())).isEqualTo(stamps);
			assertThat(describe(snapshot.stamper().allStamps())).isEqualTo(stamperStamps);
			assertThat(snapshot.graphSerialization()).isEqualTo(graph);
			assertThat(snapshot.requestForest().openRequests()).hasSize(1);
			assertThat(snapshot.answer()).isNull();
		}
	}

	private static String describeRequests(ExecutionInfo info) {
		StringBuilder text = new StringBuilder();
		info.requestForest()
			.fullData()
			.forEach((request) -> text.append(request.identifier())
				.append(' ')
				.append(request.status())
				.append(' ')
				.append(request.output())
				.append(' ')
				.append(request.stamp().step())
				.append('\n'));
		return text.toString();
	}

	private static String describeNodes(ExecutionInfo info) {
		StringBuilder text = new StringBuilder();
		info.nodeForest().fullData().forEach((node) -> text.append(node).append('\n'));
		return text.toString();
	}

	private static List<String> describe(List<Stamp> stamps) {
		return stamps.stream().map((stamp) -> stamp.step() + " " + stamp.identifier()).toList();
	}

	@Test
	void aFinishedRunAndTheSessionItClosesShareOneSnapshotUntilSomethingNewIsRecorded() {
		Session session = new Session(TestConfigs.NO_SAVE);
		ExecutionInfo afterRun = session.runSync(LENGTH, "abc");
		assertThat(session.info()).isSameAs(afterRun);
		ExecutionInfo afterSecondRun = session.runSync(LENGTH, "de");
		assertThat(afterSecondRun).isNotSameAs(afterRun);
		assertThat(afterSecondRun.answer()).isEqualTo(List.of(3, 2));
		// The first snapshot still says what it said.
		assertThat(afterRun.answer()).isEqualTo(3);
		session.close();
		// Closing recorded nothing new: the record it keeps is the last run's snapshot.
		assertThat(session.info()).isSameAs(afterSecondRun);
	}

}
