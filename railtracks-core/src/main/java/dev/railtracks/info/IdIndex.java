package dev.railtracks.info;

import java.util.BitSet;

import org.jspecify.annotations.Nullable;

/**
 * Where each identifier sits in an array of items, for identifiers kept as their two {@code long} halves: an
 * open-addressing table of positions, about 10 B per item, instead of a map of identifier texts (about 130 B per
 * item). When an identifier occurs more than once, the first occurrence gives its place in the order and the last its
 * item, as in a {@link java.util.LinkedHashMap} filled in array order. Immutable once built.
 */
final class IdIndex {

	/** The identifiers of the indexed items, read again on every lookup instead of being copied. */
	interface Keys {

		/**
		 * The most significant half of an item's identifier.
		 * @param position the item's position
		 * @return the high bits
		 */
		long high(int position);

		/**
		 * The least significant half of an item's identifier.
		 * @param position the item's position
		 * @return the low bits
		 */
		long low(int position);

	}

	private final Keys keys;

	/** Slot to the position of the last item with that identifier, plus one; {@code 0} for a free slot. */
	private final int[] slots;

	private final int distinct;

	/** Positions of the first and last item of each distinct identifier, in order; {@code null} when all differ. */
	private final int @Nullable [] firsts;

	private final int @Nullable [] lasts;

	private IdIndex(Keys keys, int[] slots, int distinct, int @Nullable [] firsts, int @Nullable [] lasts) {
		this.keys = keys;
		this.slots = slots;
		this.distinct = distinct;
		this.firsts = firsts;
		this.lasts = lasts;
	}

	/**
	 * Indexes the items at positions {@code 0} to {@code count - 1}.
	 * @param count how many items there are
	 * @param keys their identifiers
	 * @return the index
	 */
	static IdIndex of(int count, Keys keys) {
		// At most two thirds full, so that a lookup probes one or two slots.
		int[] slots = new int[Math.max(2, Integer.highestOneBit(count + count / 2 + 1) << 1)];
		int mask = slots.length - 1;
		int distinct = 0;
		for (int position = 0; position < count; position++) {
			int slot = freeOrSameSlot(slots, mask, keys, keys.high(position), keys.low(position));
			if (slots[slot] == 0) {
				distinct++;
			}
			slots[slot] = position + 1;
		}
		if (distinct == count) {
			return new IdIndex(keys, slots, distinct, null, null);
		}
		int[] firsts = new int[distinct];
		int[] lasts = new int[distinct];
		BitSet placed = new BitSet(slots.length);
		int next = 0;
		for (int position = 0; position < count; position++) {
			int slot = freeOrSameSlot(slots, mask, keys, keys.high(position), keys.low(position));
			if (!placed.get(slot)) {
				placed.set(slot);
				firsts[next] = position;
				lasts[next] = slots[slot] - 1;
				next++;
			}
		}
		return new IdIndex(keys, slots, distinct, firsts, lasts);
	}

	/** The slot holding that identifier, or the free slot where it would go. */
	private static int freeOrSameSlot(int[] slots, int mask, Keys keys, long high, long low) {
		int slot = spread(high, low) & mask;
		while (slots[slot] != 0) {
			int position = slots[slot] - 1;
			if (keys.high(position) == high && keys.low(position) == low) {
				return slot;
			}
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private static int spread(long high, long low) {
		// Identifiers are random, but a node class may choose its own: mix every bit into the slot (MurmurHash3's finalizer).
		long mixed = high * 0x9E3779B97F4A7C15L ^ low;
		mixed = (mixed ^ (mixed >>> 33)) * 0xFF51AFD7ED558CCDL;
		mixed = (mixed ^ (mixed >>> 33)) * 0xC4CEB9FE1A85EC53L;
		return (int) (mixed ^ (mixed >>> 33));
	}

	/**
	 * Number of distinct identifiers.
	 * @return the count
	 */
	int size() {
		return this.distinct;
	}

	/**
	 * The position of the last item with an identifier.
	 * @param high the identifier's most significant half
	 * @param low the identifier's least significant half
	 * @return its position, or {@code -1} when no item has it
	 */
	int positionOf(long high, long low) {
		return this.slots[freeOrSameSlot(this.slots, this.slots.length - 1, this.keys, high, low)] - 1;
	}

	/**
	 * Where the identifier that comes {@code rank}th in order first occurs, which is where its text is read from.
	 * @param rank from {@code 0} to {@link #size()} - 1
	 * @return a position
	 */
	int firstPosition(int rank) {
		return (this.firsts != null) ? this.firsts[rank] : rank;
	}

	/**
	 * Where the identifier that comes {@code rank}th in order last occurs, which is the item it stands for.
	 * @param rank from {@code 0} to {@link #size()} - 1
	 * @return a position
	 */
	int lastPosition(int rank) {
		return (this.lasts != null) ? this.lasts[rank] : rank;
	}

}
