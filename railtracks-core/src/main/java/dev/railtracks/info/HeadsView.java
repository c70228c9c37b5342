package dev.railtracks.info;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.Ids;

/**
 * The heads of an {@link ExecutionInfo}'s forest as an unmodifiable map: the newest version of each request, or of each
 * request's node, by identifier, in creation order. It keeps only the info's array of request versions and an
 * {@link IdIndex} over it, made when first needed; identifier texts, node versions and entries are made when read, so
 * that a read info stays as small as an unread one.
 *
 * @param <T> {@link RequestTemplate} or {@link LinkedNode}
 */
abstract class HeadsView<T> extends AbstractMap<String, T> implements IdIndex.Keys {

	/** Length of a UUID's text, {@code 8-4-4-4-12} hexadecimal digits. */
	private static final int ID_LENGTH = 36;

	/** Each character's value as a lower-case hexadecimal digit, {@code -1} for other characters. */
	private static final byte[] HEX_DIGITS = new byte['f' + 1];

	static {
		Arrays.fill(HEX_DIGITS, (byte) -1);
		for (char c = '0'; c <= '9'; c++) {
			HEX_DIGITS[c] = (byte) (c - '0');
		}
		for (char c = 'a'; c <= 'f'; c++) {
			HEX_DIGITS[c] = (byte) (c - 'a' + 10);
		}
	}

	final RequestTemplate[] heads;

	private volatile @Nullable IdIndex index;

	private HeadsView(RequestTemplate[] heads) {
		this.heads = heads;
	}

	/**
	 * The requests, by request id.
	 * @param heads the newest version of each request, in creation order; kept, not copied
	 * @return the view
	 */
	static HeadsView<RequestTemplate> requests(RequestTemplate[] heads) {
		return new HeadsView<>(heads) {

			@Override
			public long high(int position) {
				return this.heads[position].requestHigh();
			}

			@Override
			public long low(int position) {
				return this.heads[position].requestLow();
			}

			@Override
			RequestTemplate version(RequestTemplate head) {
				return head;
			}

		};
	}

	/**
	 * The nodes the requests called, by node id.
	 * @param heads the newest version of each request, in creation order; kept, not copied
	 * @return the view
	 */
	static HeadsView<LinkedNode> nodes(RequestTemplate[] heads) {
		return new HeadsView<>(heads) {

			@Override
			public long high(int position) {
				return this.heads[position].nodeHigh();
			}

			@Override
			public long low(int position) {
				return this.heads[position].nodeLow();
			}

			@Override
			LinkedNode version(RequestTemplate head) {
				return head.nodeVersion();
			}

		};
	}

	/** The value a request's newest version stands for in this view. */
	abstract T version(RequestTemplate head);

	private IdIndex index() {
		IdIndex built = this.index;
		if (built == null) {
			// Two readers may build it at once: both build the same index, and either may be kept.
			built = IdIndex.of(this.heads.length, this);
			this.index = built;
		}
		return built;
	}

	/**
	 * Where the item of that identifier text is, or {@code -1}. Only the texts {@link java.util.UUID#toString()}
	 * writes match (lower-case digits, dashes in their places), which are the texts the identifiers are read as: a
	 * lookup answers as a map of those texts would.
	 */
	private int positionOf(@Nullable Object key) {
		if (!(key instanceof String text) || (text.length() != ID_LENGTH) || (text.charAt(8) != '-')
				|| (text.charAt(13) != '-') || (text.charAt(18) != '-') || (text.charAt(23) != '-')) {
			return -1;
		}
		long first = hex(text, 0, 8);
		long second = hex(text, 9, 13);
		long third = hex(text, 14, 18);
		long fourth = hex(text, 19, 23);
		long fifth = hex(text, 24, 36);
		if ((first | second | third | fourth | fifth) < 0) {
			return -1;
		}
		return index().positionOf((first << 32) | (second << 16) | third, (fourth << 48) | fifth);
	}

	/** The value of lower-case hexadecimal digits (at most 12, so never negative), or {@code -1} for any other text. */
	private static long hex(String text, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			int digit = (c < HEX_DIGITS.length) ? HEX_DIGITS[c] : -1;
			if (digit < 0) {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	private String keyAt(int position) {
		return Ids.format(high(position), low(position));
	}

	@Override
	public int size() {
		return index().size();
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return positionOf(key) >= 0;
	}

	@Override
	public @Nullable T get(@Nullable Object key) {
		int position = positionOf(key);
		return (position >= 0) ? version(this.heads[position]) : null;
	}

	@Override
	public Set<String> keySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<String> iterator() {
				return inOrder((built, rank) -> keyAt(built.firstPosition(rank)));
			}

			@Override
			public int size() {
				return HeadsView.this.size();
			}

			@Override
			public boolean contains(@Nullable Object key) {
				return containsKey(key);
			}

		};
	}

	@Override
	public Collection<T> values() {
		return new AbstractCollection<>() {

			@Override
			public Iterator<T> iterator() {
				return inOrder((built, rank) -> version(HeadsView.this.heads[built.lastPosition(rank)]));
			}

			@Override
			public int size() {
				return HeadsView.this.size();
			}

		};
	}

	@Override
	public Set<Map.Entry<String, T>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Map.Entry<String, T>> iterator() {
				return inOrder((built, rank) -> new SimpleImmutableEntry<>(keyAt(built.firstPosition(rank)),
						version(HeadsView.this.heads[built.lastPosition(rank)])));
			}

			@Override
			public int size() {
				return HeadsView.this.size();
			}

		};
	}

	/** Iterates the distinct identifiers in creation order, making each element from its rank. */
	private <E> Iterator<E> inOrder(Element<E> element) {
		IdIndex built = index();
		return new Iterator<>() {

			private int rank;

			@Override
			public boolean hasNext() {
				return this.rank < built.size();
			}

			@Override
			public E next() {
				if (this.rank >= built.size()) {
					throw new NoSuchElementException("All " + built.size() + " heads were read");
				}
				return element.at(built, this.rank++);
			}

		};
	}

	/** What an iterator returns for the identifier that comes {@code rank}th in order. */
	private interface Element<E> {

		E at(IdIndex index, int rank);

	}

}
