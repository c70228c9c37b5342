package dev.railtracks.info;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
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
		if (!(key instanceof String text) || (text.length() != ID_LENGTH)) {
			return -1;
		}
		long high = 0;
		long low = 0;
		int digits = 0;
		for (int i = 0; i < ID_LENGTH; i++) {
			char c = text.charAt(i);
			if ((i == 8) || (i == 13) || (i == 18) || (i == 23)) {
				if (c != '-') {
					return -1;
				}
				continue;
			}
			int digit = ((c >= '0') && (c <= '9')) ? (c - '0') : ((c >= 'a') && (c <= 'f')) ? (c - 'a' + 10) : -1;
			if (digit < 0) {
				return -1;
			}
			if (digits++ < 16) {
				high = (high << 4) | digit;
			}
			else {
				low = (low << 4) | digit;
			}
		}
		return index().positionOf(high, low);
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
