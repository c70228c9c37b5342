package dev.railtracks.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bsc.langgraph4j.GraphStateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark's workload computes the right answer, so that the libraries and floors compared really do the same
 * work: a chain of {@value #N} counts to {@value #N}, a fan-out of {@value #N} trivial children sums to {@value #N}.
 * Nothing here is timed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkloadTests {

	private static final int N = 100;

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void railtracksChainAndFanOutCountTheirNodes(boolean observed) {
		RailtracksBenchmark benchmark = sized(new RailtracksBenchmark());
		FreshSession session = new FreshSession();
		session.observed = observed;
		session.open();
		try {
			assertThat(benchmark.chain(session)).isEqualTo(N);
			assertThat(benchmark.fanOut(session)).isEqualTo(N);
		}
		finally {
			session.close();
		}
	}

	@Test
	void langGraph4jChainAndFanOutCountTheirNodes() throws GraphStateException {
		LangGraph4jBenchmark benchmark = sized(new LangGraph4jBenchmark());
		benchmark.compileGraphs();
		assertThat(benchmark.chain()).isEqualTo(N);
		assertThat(benchmark.fanOut()).isEqualTo(N);
	}

	@Test
	void langChain4jChainAndFanOutCountTheirNodes() {
		LangChain4jBenchmark benchmark = sized(new LangChain4jBenchmark());
		benchmark.buildWorkflows();
		assertThat(benchmark.chain()).isEqualTo(N);
		assertThat(benchmark.fanOut()).isEqualTo(N);
	}

	@Test
	void floorsRecordEveryCall() throws InterruptedException {
		FloorBenchmark benchmark = sized(new FloorBenchmark());
		benchmark.startPool();
		try {
			assertThat(benchmark.plainCall()).isEqualTo(N);
			assertThat(benchmark.recordedCall()).hasSize(N).last().extracting(Floors.CallRecord::output).isEqualTo(N);
			List<Object[]> kept = benchmark.recordedCallKeepingEngineSizedRecords();
			assertThat(kept).hasSize(N);
			assertThat(((Floors.CallRecord) kept.get(N - 1)[0]).output()).isEqualTo(N);
			// 48 B record + 24 B pair + 16 B array header + 9 longs = 160 B kept per call, about a finished request.
			assertThat(((long[]) kept.get(0)[1])).hasSize(9);
			assertThat(Arrays.stream(benchmark.recordedPoolFanOut()).mapToInt(Floors.CallRecord::output).sum())
				.isEqualTo(N);
		}
		finally {
			benchmark.stopPool();
		}
	}

	private static <B extends SizedBenchmark> B sized(B benchmark) {
		benchmark.n = N;
		return benchmark;
	}

}
