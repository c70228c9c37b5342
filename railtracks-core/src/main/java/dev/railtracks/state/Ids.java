package dev.railtracks.state;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fast random (version 4) UUID identifiers. {@link java.util.UUID#randomUUID()} draws from {@code SecureRandom},
 * which costs more than a whole node call; identifiers only need to be unique, not unpredictable.
 */
public final class Ids {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Ids() {
	}

	/**
	 * 64 random bits for one half of an identifier.
	 * @return random bits
	 */
	public static long randomBits() {
		return ThreadLocalRandom.current().nextLong();
	}

	/**
	 * A new random identifier.
	 * @return a UUID string
	 */
	public static String newId() {
		return format(randomBits(), randomBits());
	}

	/**
	 * Formats 128 bits as a version-4, IETF-variant UUID string.
	 * @param high the most significant bits
	 * @param low the least significant bits
	 * @return the UUID string, 36 characters
	 */
	public static String format(long high, long low) {
		long msb = (high & ~0xF000L) | 0x4000L;
		long lsb = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		byte[] out = new byte[36];
		hex(msb >>> 32, out, 0, 8);
		out[8] = '-';
		hex(msb >>> 16, out, 9, 4);
		out[13] = '-';
		hex(msb, out, 14, 4);
		out[18] = '-';
		hex(lsb >>> 48, out, 19, 4);
		out[23] = '-';
		hex(lsb, out, 24, 12);
		return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
	}

	private static void hex(long value, byte[] out, int offset, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			out[offset + i] = (byte) HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
