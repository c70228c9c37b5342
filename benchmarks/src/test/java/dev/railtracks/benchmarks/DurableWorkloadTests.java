package dev.railtracks.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every durable benchmark's workload computes the right answer, on the PostgreSQL the tests use (started by
 * {@code .ci/postgres}): one operation each, with the benchmark's own setup and teardown. Nothing here is timed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurableWorkloadTests {

	@Test
	void aDurableChainCountsItsCalls() {
		DurableFlowBenchmark benchmark = new DurableFlowBenchmark();
		benchmark.n = 10;
		benchmark.flow = "durable";
		benchmark.start();
		try {
			assertThat(benchmark.chain()).isEqualTo(10);
		}
		finally {
			benchmark.stop();
		}
	}

	@Test
	void aDurableAgentRunMakesItsToolCallsAndAnswers() {
		DurableAgentBenchmark benchmark = new DurableAgentBenchmark();
		benchmark.tools = 5;
		benchmark.flow = "durable";
		benchmark.start();
		try {
			assertThat(benchmark.agentRun().text()).isEqualTo("done");
		}
		finally {
			benchmark.stop();
		}
	}

	@Test
	void aCrashedRunIsRecoveredToItsResult() throws InterruptedException {
		DurableRecoveryBenchmark benchmark = new DurableRecoveryBenchmark();
		benchmark.n = 10;
		benchmark.createDatabase();
		try {
			benchmark.crashARun();
			assertThat(benchmark.recover()).isEqualTo(11);
			benchmark.stopRecoveringInstance();
		}
		finally {
			benchmark.dropDatabase();
		}
	}

	@Test
	void aQueuedBatchSumsItsChildren() {
		DurableQueueBenchmark benchmark = new DurableQueueBenchmark();
		benchmark.n = 10;
		benchmark.pollMillis = 20;
		benchmark.start();
		try {
			assertThat(benchmark.queuedBatch()).isEqualTo(10);
		}
		finally {
			benchmark.stop();
		}
	}

}
