package dev.railtracks.benchmarks;

import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The work one child does, the same in every library and floor, so that only the way it is called differs.
 */
final class Work {

	/** How long an I/O child waits: 1000 of them fanned out should take this long in all. */
	static final int SLEEP_MILLIS = 100;

	private Work() {
	}

	/**
	 * A trivial child: a chain of them counts its length, a fan-out of them from 0 sums to its width. Never inlined, so
	 * that the floors pay for a real call rather than a loop the JIT folds into one addition.
	 */
	@CompilerControl(CompilerControl.Mode.DONT_INLINE)
	static int increment(int count) {
		return count + 1;
	}

	/** An I/O child: waits, then counts one. */
	static int sleep(int millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while sleeping", ex);
		}
		return 1;
	}

}
