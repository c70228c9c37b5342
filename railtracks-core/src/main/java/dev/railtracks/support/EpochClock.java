package dev.railtracks.support;

/**
 * Wall-clock time with nanosecond resolution: the epoch time at start-up plus the monotonic time since, so stamps
 * are precise and never go backwards within a process.
 */
public final class EpochClock {

	private static final long BASE_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;

	private static final long BASE_NANO_TIME = System.nanoTime();

	private EpochClock() {
	}

	/**
	 * Now, in nanoseconds since the epoch.
	 * @return epoch nanoseconds
	 */
	public static long nowNanos() {
		return BASE_EPOCH_NANOS + (System.nanoTime() - BASE_NANO_TIME);
	}

	/**
	 * Converts epoch nanoseconds to the seconds used in the saved state.
	 * @param epochNanos epoch nanoseconds
	 * @return epoch seconds with a fraction
	 */
	public static double toSeconds(long epochNanos) {
		return epochNanos / 1e9;
	}

}
