package dev.railtracks.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A lock-free list that only grows: appends reserve a slot with one atomic increment and fill it; readers see every
 * slot filled so far. A filled slot may be replaced, never emptied. The hot path of every node call appends here, so
 * it must not take a lock.
 *
 * @param <T> element type
 */
final class AppendLog<T> {

	private static final int CHUNK_BITS = 10;

	private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

	private final AtomicInteger size = new AtomicInteger();

	private volatile AtomicReferenceArray<AtomicReferenceArray<T>> chunks = new AtomicReferenceArray<>(16);

	/**
	 * Appends an element.
	 * @return its index
	 */
	int add(T item) {
		int index = reserve();
		set(index, item);
		return index;
	}

	/**
	 * Reserves the next slot, to be filled with {@link #set}: until then readers skip it.
	 * @return its index
	 */
	int reserve() {
		return this.size.getAndIncrement();
	}

	/**
	 * Reserves the next {@code count} slots together, each to be filled with {@link #set}: until then readers skip it.
	 * @return the index of the first
	 */
	int reserve(int count) {
		return this.size.getAndAdd(count);
	}

	/** Fills a reserved slot, or replaces the element in a filled one. */
	void set(int index, T item) {
		chunk(index >>> CHUNK_BITS).set(index & (CHUNK_SIZE - 1), item);
	}

	/** Runs the action on every element appended so far whose slot is filled, in append order, without copying. */
	void forEach(Consumer<? super T> action) {
		int count = size();
		for (int i = 0; i < count; i++) {
			T item = get(i);
			if (item != null) {
				action.accept(item);
			}
		}
	}

	/**
	 * The element at an index below {@link #size()}.
	 * @return the element, or {@code null} while its slot is reserved and not yet filled
	 */
	@Nullable T get(int index) {
		AtomicReferenceArray<AtomicReferenceArray<T>> all = this.chunks;
		// A writer may have claimed a slot past this directory and not yet published the grown one.
		int chunkIndex = index >>> CHUNK_BITS;
		AtomicReferenceArray<T> chunk = (chunkIndex < all.length()) ? all.get(chunkIndex) : null;
		return (chunk != null) ? chunk.get(index & (CHUNK_SIZE - 1)) : null;
	}

	int size() {
		return this.size.get();
	}

	private AtomicReferenceArray<T> chunk(int chunkIndex) {
		AtomicReferenceArray<AtomicReferenceArray<T>> all = this.chunks;
		if (chunkIndex >= all.length()) {
			all = grow(chunkIndex);
		}
		AtomicReferenceArray<T> chunk = all.get(chunkIndex);
		if (chunk == null) {
			all.compareAndSet(chunkIndex, null, new AtomicReferenceArray<>(CHUNK_SIZE));
			chunk = all.get(chunkIndex);
		}
		return chunk;
	}

	private synchronized AtomicReferenceArray<AtomicReferenceArray<T>> grow(int chunkIndex) {
		AtomicReferenceArray<AtomicReferenceArray<T>> all = this.chunks;
		if (chunkIndex < all.length()) {
			return all;
		}
		AtomicReferenceArray<AtomicReferenceArray<T>> larger = new AtomicReferenceArray<>(
				Math.max(all.length() * 2, chunkIndex + 1));
		for (int i = 0; i < all.length(); i++) {
			AtomicReferenceArray<T> chunk = all.get(i);
			if (chunk == null) {
				// Make sure a chunk filled concurrently in the old directory is the one the new directory keeps.
				all.compareAndSet(i, null, new AtomicReferenceArray<>(CHUNK_SIZE));
				chunk = all.get(i);
			}
			larger.set(i, chunk);
		}
		this.chunks = larger;
		return larger;
	}

}
