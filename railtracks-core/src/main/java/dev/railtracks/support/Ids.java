package dev.railtracks.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of sessions, nodes and requests as the record writes them: random version-4 UUIDs. The record keeps
 * an identifier as its two {@code long} halves and formats the text only when it is read or written, because an id
 * is made for every node and request and most are never read. The bits come from {@link ThreadLocalRandom} rather
 * than {@link UUID#randomUUID()}'s shared secure generator: an id needs to be unique, not unguessable.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * The most significant half of a new identifier, with the version-4 bits set.
	 * @return 64 bits for {@link #format}
	 */
	public static long randomHigh() {
		return (ThreadLocalRandom.current().nextLong() & ~0xF000L) | 0x4000L;
	}

	/**
	 * The least significant half of a new identifier, with the IETF variant bits set.
	 * @return 64 bits for {@link #format}
	 */
	public static long randomLow() {
		return (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
	}

	/**
	 * A new identifier.
	 * @return UUID text
	 */
	public static String newId() {
		return format(randomHigh(), randomLow());
	}

	/**
	 * Formats the two halves of an identifier.
	 * @param high the most significant bits, from {@link #randomHigh()}
	 * @param low the least significant bits, from {@link #randomLow()}
	 * @return UUID text
	 */
	public static String format(long high, long low) {
		return new UUID(high, low).toString();
	}

}
