package dev.railtracks.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GraphValues}.
 */
class GraphValuesTests {

	private static final String GRAPH = """
			{"nodes": [{"identifier": "n1", "details": {"output": null, "internals": {"latency": 1.5, "note": null}}}],
			 "edges": [{"source": null, "target": "n1", "details": {"input_args": ["secret", null], "output": null}}]}
			""";

	@Test
	void jsonNullsArePresentAsNullValues() {
		Map<Object, Object> graph = map(GraphValues.read(GRAPH, true));
		Map<Object, Object> edge = map(list(graph.get("edges")).get(0));
		assertThat(edge).containsEntry("source", null);
		assertThat(map(edge.get("details"))).containsEntry("output", null);
	}

	@Test
	void maskingKeepsNullsAndLatencyAndMasksEverythingElse() {
		Map<Object, Object> graph = map(GraphValues.read(GRAPH, false));
		Map<Object, Object> edge = map(list(graph.get("edges")).get(0));
		Map<Object, Object> details = map(edge.get("details"));
		assertThat(edge).containsEntry("source", null);
		assertThat(details).containsEntry("output", null);
		assertThat(list(details.get("input_args"))).containsExactly(GraphValues.MASK, GraphValues.MASK);
		Map<Object, Object> node = map(list(graph.get("nodes")).get(0));
		assertThat(map(map(node.get("details")).get("internals"))).containsEntry("latency", 1.5)
			.containsEntry("note", GraphValues.MASK);
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> map(Object value) {
		return (Map<Object, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
