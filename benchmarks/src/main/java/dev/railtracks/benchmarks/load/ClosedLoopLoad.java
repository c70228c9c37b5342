package dev.railtracks.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed loop of HTTP GETs, like wrk: each of {@code connections} loops sends its next request as soon as the last
 * one is answered, over keep-alive HTTP/1.1 connections of the JDK's {@link HttpClient}. The loops are asynchronous
 * (no thread waits per connection), so a thousand connections cost the driver no more threads than sixteen. Each
 * answered request's latency goes into an HdrHistogram {@link Recorder}, in microseconds.
 */
final class ClosedLoopLoad implements AutoCloseable {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final HttpRequest request;

	private final Recorder latencies = new Recorder(3);

	private final AtomicLong errors = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final CountDownLatch stopped;

	private volatile boolean running = true;

	private ClosedLoopLoad(URI target, int connections) {
		this.request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(1)).GET().build();
		this.stopped = new CountDownLatch(connections);
	}

	/**
	 * Starts the loops.
	 * @param target what each request gets
	 * @param connections how many requests are under way at any time
	 * @return the running load
	 */
	static ClosedLoopLoad start(URI target, int connections) {
		if (connections < 1) {
			throw new IllegalArgumentException("connections must be at least 1 but was " + connections);
		}
		ClosedLoopLoad load = new ClosedLoopLoad(target, connections);
		for (int i = 0; i < connections; i++) {
			load.next();
		}
		return load;
	}

	private void next() {
		if (!this.running) {
			this.stopped.countDown();
			return;
		}
		long start = System.nanoTime();
		this.inFlight.incrementAndGet();
		this.client.sendAsync(this.request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			this.inFlight.decrementAndGet();
			if (failure == null && response.statusCode() == 200) {
				this.latencies.recordValue((System.nanoTime() - start) / 1000);
			}
			else {
				this.errors.incrementAndGet();
			}
			next();
		});
	}

	/**
	 * The latencies of the requests answered since the last call (or the start), in microseconds.
	 * @return a new histogram; the recorder starts a new interval
	 */
	Histogram takeLatencies() {
		return this.latencies.getIntervalHistogram();
	}

	/**
	 * How many requests have failed or were not answered with 200 so far.
	 * @return the count
	 */
	long errors() {
		return this.errors.get();
	}

	/**
	 * How many requests are under way now.
	 * @return the count
	 */
	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Stops sending and waits until every loop's last request is answered (at most the requests' one-minute
	 * timeout).
	 */
	@Override
	public void close() {
		this.running = false;
		try {
			if (!this.stopped.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException(this.inFlight.get() + " requests were still under way 2 minutes after"
						+ " the load stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the load drained", ex);
		}
	}

}
