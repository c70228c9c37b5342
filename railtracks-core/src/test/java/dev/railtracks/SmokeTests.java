package dev.railtracks;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.railtracks.state.ExecutionInfo;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static org.assertj.core.api.Assertions.assertThat;

class SmokeTests {

	static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> s.length());

	static final FunctionNode<Integer> SUM = FunctionNode.of("sum", (List<String> words) -> {
		int total = 0;
		for (String w : words) {
			total += call(LENGTH, w);
		}
		return total;
	});

	static final FunctionNode<List<Integer>> FAN = FunctionNode.of("fan", (Integer n) -> callBatch(LENGTH,
			IntStream.range(0, n).mapToObj(i -> "x".repeat(i % 5)).toList()));

	@Test
	void runsNestedCalls() {
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb", "ccc"));
			assertThat(info.answer()).isEqualTo(6);
			assertThat(info.nodeForest().size()).isEqualTo(4);
			assertThat(info.allStamps()).hasSize(8);
			System.out.println(info.graphSerialization().substring(0, 400));
		}
	}

	@Test
	void fansOut() {
		try (Session session = new Session(ExecutorConfig.builder().saveState(false).build())) {
			ExecutionInfo info = session.runSync(FAN, 10000);
			assertThat((List<?>) info.answer()).hasSize(10000);
			assertThat(info.nodeForest().size()).isEqualTo(10001);
		}
	}

}
