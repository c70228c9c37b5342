package dev.railtracks.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One measured window of one app.
 *
 * @param round the round, from 1
 * @param app the app
 * @param seconds the window's length
 * @param latencies the answered requests' latencies, in microseconds
 * @param errors requests that failed or were not answered with 200
 * @param cpuMillis the CPU time the app's JVM used in the window
 * @param bytesPerWaitingRequest the live heap per request under way after the window, when measured
 */
record RoundResult(int round, AppVariant app, double seconds, Histogram latencies, long errors, double cpuMillis,
		@Nullable Double bytesPerWaitingRequest) {

	/**
	 * Answered requests per second.
	 * @return the throughput
	 */
	double requestsPerSecond() {
		return this.latencies.getTotalCount() / this.seconds;
	}

	/**
	 * A latency percentile.
	 * @param percentile such as 99.9
	 * @return the latency in milliseconds
	 */
	double latencyMillis(double percentile) {
		return this.latencies.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * The app's CPU time per answered request.
	 * @return milliseconds
	 */
	double cpuMillisPerRequest() {
		return this.cpuMillis / Math.max(1, this.latencies.getTotalCount());
	}

}
