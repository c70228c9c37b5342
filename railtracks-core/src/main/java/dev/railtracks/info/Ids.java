package dev.railtracks.info;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of sessions, nodes and requests as the record writes them: random version-4 UUID text. The bits come
 * from {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}'s shared secure generator, because an id is
 * made for every node and request and needs to be unique, not unguessable.
 */
public final class Ids {

	private static final long VERSION_4 = 0x4000L;

	private static final long IETF_VARIANT = 0x8000000000000000L;

	private Ids() {
	}

	/**
	 * Random bits for an identifier formatted later with {@link #format}.
	 * @return 64 random bits
	 */
	public static long randomBits() {
		return ThreadLocalRandom.current().nextLong();
	}

	/**
	 * A new identifier.
	 * @return UUID text
	 */
	public static String newId() {
		return format(randomBits(), randomBits());
	}

	/**
	 * Formats random bits as a version-4 UUID.
	 * @param high the most significant bits
	 * @param low the least significant bits
	 * @return UUID text
	 */
	public static String format(long high, long low) {
		return new UUID((high & ~0xF000L) | VERSION_4, (low & 0x3FFFFFFFFFFFFFFFL) | IETF_VARIANT).toString();
	}

}
