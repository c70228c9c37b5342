package dev.railtracks.internal;

import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.RequestTemplate;

/**
 * A session's requests in creation order. A slot holds the live {@link LiveRequest} while its request is open and
 * only the finished {@link RequestTemplate} afterwards, so a finished request keeps its record and nothing else: its
 * node object, task and live entry become garbage while still young, which is what keeps a long session's heap, and
 * so its garbage collections, small.
 */
final class Journal {

	private final AppendLog<Object> slots = new AppendLog<>();

	/** Appends a new request, telling it its slot before anyone can find it there. */
	void add(LiveRequest record) {
		fill(this.slots.reserve(), record);
	}

	/**
	 * Reserves slots for requests to be recorded later, such as a batch's children, which so keep their input order
	 * whenever each is recorded. Until its request is recorded a slot is skipped, as one being filled is.
	 * @return the first of the {@code count} slots
	 */
	int reserve(int count) {
		return this.slots.reserve(count);
	}

	/** Records a new request in a slot reserved for it, telling it its slot before anyone can find it there. */
	void fill(int slot, LiveRequest record) {
		record.placedAt(slot);
		this.slots.set(slot, record);
	}

	/**
	 * The live entry of the request in a slot below {@link #size()}, while it is open.
	 * @return the entry, or {@code null} when its request has finished or the slot is not yet filled
	 */
	@Nullable LiveRequest openAt(int slot) {
		return (this.slots.get(slot) instanceof LiveRequest record) ? record : null;
	}

	/** The request's finishing version is written: its slot keeps only that. */
	void finished(LiveRequest record) {
		if (record.slot() >= 0) {
			this.slots.set(record.slot(), record.head());
		}
	}

	/** Requests appended so far, including any whose slot is still being filled or reserved. */
	int size() {
		return this.slots.size();
	}

	/**
	 * The newest version of the request in a slot below {@link #size()}.
	 * @return the version, or {@code null} while the slot is reserved and not yet filled
	 */
	@Nullable RequestTemplate head(int index) {
		Object entry = this.slots.get(index);
		return (entry instanceof LiveRequest record) ? record.head() : (RequestTemplate) entry;
	}

	/**
	 * Runs the action on every request whose finishing version is not written yet: still running, or being recorded
	 * by the thread that claimed it.
	 */
	void forEachOpen(Consumer<LiveRequest> action) {
		this.slots.forEach((entry) -> {
			if (entry instanceof LiveRequest record && !record.head().isClosed()) {
				action.accept(record);
			}
		});
	}

	/**
	 * The live entry of the request that called a node, while it is open.
	 * @return the entry, or {@code null} when the node's request has finished or the session has no such node
	 */
	@Nullable LiveRequest openRequestOf(UUID nodeId) {
		int size = size();
		for (int i = 0; i < size; i++) {
			if (this.slots.get(i) instanceof LiveRequest record && record.node.uuid().equals(nodeId)) {
				return record;
			}
		}
		return null;
	}

	/** Whether any request, open or finished, called that node. */
	boolean hasNode(UUID nodeId) {
		int size = size();
		for (int i = 0; i < size; i++) {
			RequestTemplate head = head(i);
			if (head != null && head.sinkUuid().equals(nodeId)) {
				return true;
			}
		}
		return false;
	}

}
