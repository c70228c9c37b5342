package dev.railtracks.viz;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GraphValues}. // #16
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

	@Test
	void masksByKeyAtAnyDepthKeepingSizesAndKeysButNotTheValuesInside() {
		String document = """
				{"runs": [{"edges": [{"details": {"output": {"a": {"deep": 1}, "b": [1, 2]},
				  "input_kwargs": {"city": "Kyoto"}, "input_args": [{"x": 1}, [2], "three"]}}],
				  "nodes": [{"details": {"internals": {"latency": {"total_time": 0.25}, "llm_details": [{"output": "hi"}]}}}]}],
				 "session_id": "s"}
				""";
		Map<Object, Object> masked = map(GraphValues.read(document, false));
		Map<Object, Object> run = map(list(masked.get("runs")).get(0));
		Map<Object, Object> details = map(map(list(run.get("edges")).get(0)).get("details"));
		assertThat(map(details.get("output"))).containsExactly(Map.entry("a", GraphValues.MASK), Map.entry("b", GraphValues.MASK));
		assertThat(map(details.get("input_kwargs"))).containsExactly(Map.entry("city", GraphValues.MASK));
		assertThat(list(details.get("input_args"))).containsExactly(GraphValues.MASK, GraphValues.MASK, GraphValues.MASK);
		Map<Object, Object> internals = map(map(map(list(run.get("nodes")).get(0)).get("details")).get("internals"));
		assertThat(internals).containsEntry("latency", Map.of("total_time", 0.25)).containsEntry("llm_details", GraphValues.MASK);
		assertThat(masked).containsEntry("session_id", "s");
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
