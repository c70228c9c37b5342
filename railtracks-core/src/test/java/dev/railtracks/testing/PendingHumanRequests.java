package dev.railtracks.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;

/** Waiting, in tests, for a run to ask a person. */
public final class PendingHumanRequests {

	private PendingHumanRequests() {
	}

	/**
	 * The oldest pending request, once there is one.
	 * @param requests the registry
	 * @return the request
	 * @throws InterruptedException when interrupted
	 */
	public static HumanRequest awaitPending(HumanRequests requests) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			List<HumanRequest> pending = requests.pending();
			if (!pending.isEmpty()) {
				return pending.get(0);
			}
			Thread.sleep(5);
		}
		throw new AssertionError("No request became pending within 10 s");
	}

}
