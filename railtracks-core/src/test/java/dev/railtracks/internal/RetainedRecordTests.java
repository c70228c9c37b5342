package dev.railtracks.internal;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.railtracks.FunctionNode;
import dev.railtracks.Node;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.LinkedNode;

import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A kept {@link ExecutionInfo} pins no engine: the Spring tracker keeps the records of up to 100 closed sessions, and
 * each must not keep its session's RTState, message bus and runs reachable.
 */
class RetainedRecordTests {

	@Test
	void aRetainedRecordKeepsNoEngineObjectAlive() {
		Retained retained = runAndCloseASession();
		// Bounded: a collector that never clears a weakly reachable object fails the test instead of hanging it.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			System.gc();
			assertThat(retained.state.get()).as("the session's RTState").isNull();
			assertThat(retained.bus.get()).as("the session's message bus").isNull();
		});
		assertThat(retained.info.answer()).isEqualTo(List.of(1, 2, 3));
		assertThat(retained.info.graphSerialization()).contains("\"length\"", "\"sum-of-lengths\"");
		assertThat(retained.info.requestForest().size()).isEqualTo(4);
	}

	@Test
	void anOpenSessionKeepsOnlyTheRecordOfAFinishedRequestNotItsNode() {
		List<WeakReference<Node<?>>> nodes = new CopyOnWriteArrayList<>();
		FunctionNode<Integer> child = FunctionNode.of("child", (Integer i) -> i + 1);
		NodeDefinition<Integer> tracked = NodeDefinition.of(Tracked.class);
		FunctionNode<Integer> parent = FunctionNode.of("parent", () -> {
			int sum = 0;
			for (int i = 0; i < 100; i++) {
				sum += Railtracks.call(tracked, nodes, i);
			}
			// Children of a batch, and children that fail, are dropped the same way.
			sum += Railtracks.callBatch(tracked, List.of(nodes, nodes), List.of(1, 2)).stream()
				.mapToInt(Integer::intValue)
				.sum();
			try {
				Railtracks.call(tracked, nodes, -1);
			}
			catch (IllegalArgumentException ex) {
				sum += 1000;
			}
			return sum + Railtracks.call(child, 0);
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo(4950 + 3 + 1000 + 1);
			assertThat(nodes).hasSize(103);
			// The session is still open, and keeps the record; the node objects of finished requests are garbage.
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
				System.gc();
				assertThat(nodes).allSatisfy((node) -> assertThat(node.get()).isNull());
			});
			assertThat(session.info().requestForest().size()).isEqualTo(105);
			assertThat(session.info().nodeForest().heads().values()).extracting(LinkedNode::name).contains("Tracked");
		}
	}

	/** A node that lets the test see whether anything still holds it. */
	public static final class Tracked extends Node<Integer> {

		private final int value;

		public Tracked(List<WeakReference<Node<?>>> registry, Integer value) {
			registry.add(new WeakReference<>(this));
			this.value = value;
		}

		@Override
		public Integer invoke() {
			if (this.value < 0) {
				throw new IllegalArgumentException("negative");
			}
			return this.value;
		}

	}

	/** In its own frame, so no local variable of the test method holds the session. */
	private static Retained runAndCloseASession() {
		FunctionNode<List<Integer>> parent = FunctionNode.of("sum-of-lengths",
				() -> Railtracks.callBatch(LENGTH, List.of("a", "bb", "ccc")));
		Session session = new Session(TestConfigs.NO_SAVE);
		WeakReference<RTState> state = new WeakReference<>(EngineOf.state(session));
		WeakReference<Object> bus = new WeakReference<>(session.publisher());
		ExecutionInfo info;
		try (session) {
			info = session.runSync(parent);
		}
		return new Retained(info, state, bus);
	}

	private record Retained(ExecutionInfo info, WeakReference<RTState> state, WeakReference<Object> bus) {
	}

}
