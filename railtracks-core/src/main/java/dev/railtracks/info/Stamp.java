package dev.railtracks.info;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.EpochClock;

/**
 * A point in a session's history: a step number from the session's {@link StampManager}, the time, and an
 * identifier that says what happened ("START CREATED planner", "Finished executing planner"). Stamps order by step,
 * then by time. The identifier text is composed when read, so recording a stamp costs no string building.
 */
public final class Stamp implements Comparable<Stamp> {

	private static final byte TEXT = 0;

	private static final byte CREATED = 1;

	private static final byte FINISHED = 2;

	private static final byte CANCELLED = 3;

	private final long step;

	private final long epochNanos;

	private final byte kind;

	private final String subject;

	private final @Nullable String object;

	private Stamp(long step, long epochNanos, byte kind, String subject, @Nullable String object) {
		this.step = step;
		this.epochNanos = epochNanos;
		this.kind = kind;
		this.subject = subject;
		this.object = object;
	}

	/**
	 * A stamp with free text.
	 * @param step the step
	 * @param epochNanos the time in epoch nanoseconds
	 * @param identifier what happened
	 * @return the stamp
	 */
	public static Stamp of(long step, long epochNanos, String identifier) {
		return new Stamp(step, epochNanos, TEXT, Objects.requireNonNull(identifier, "identifier"), null);
	}

	static Stamp created(long step, long epochNanos, String parent, String child) {
		return new Stamp(step, epochNanos, CREATED, parent, child);
	}

	static Stamp finished(long step, long epochNanos, String node) {
		return new Stamp(step, epochNanos, FINISHED, node, null);
	}

	static Stamp cancelled(long step, long epochNanos, String requestId) {
		return new Stamp(step, epochNanos, CANCELLED, requestId, null);
	}

	/**
	 * The step: stamps made together share one, later ones have higher steps.
	 * @return the step number
	 */
	public long step() {
		return this.step;
	}

	/**
	 * The time, in seconds since the epoch.
	 * @return epoch seconds
	 */
	public double time() {
		return EpochClock.toSeconds(this.epochNanos);
	}

	/**
	 * The time, in nanoseconds since the epoch.
	 * @return epoch nanoseconds
	 */
	public long epochNanos() {
		return this.epochNanos;
	}

	/**
	 * The time as an instant.
	 * @return the instant
	 */
	public Instant instant() {
		return Instant.ofEpochSecond(0, this.epochNanos);
	}

	/**
	 * What happened at this stamp.
	 * @return the identifier text
	 */
	public String identifier() {
		return switch (this.kind) {
			case CREATED -> this.subject + " CREATED " + this.object;
			case FINISHED -> "Finished executing " + this.subject;
			case CANCELLED -> "Cancelled request " + this.subject;
			default -> this.subject;
		};
	}

	@Override
	public int compareTo(Stamp other) {
		int byStep = Long.compare(this.step, other.step);
		return (byStep != 0) ? byStep : Long.compare(this.epochNanos, other.epochNanos);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof Stamp that) && this.step == that.step && this.epochNanos == that.epochNanos
				&& identifier().equals(that.identifier());
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.step, this.epochNanos, identifier());
	}

	@Override
	public String toString() {
		return "Stamp[step=" + this.step + ", time=" + time() + ", identifier=" + identifier() + "]";
	}

}
