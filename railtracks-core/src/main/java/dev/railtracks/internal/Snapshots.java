package dev.railtracks.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.StampManager;
import dev.railtracks.info.access.RecordWriter;

/**
 * Answers {@code info()}: a snapshot of a session's record, the newest version of every request copied in creation
 * order. While nothing is recorded after a snapshot in which every request had finished, the same snapshot is handed
 * out again, so a run's {@code runSync} and the session's {@code close} share one.
 */
final class Snapshots {

	private final StampManager stamper;

	private final Journal journal;

	/** The last snapshot, while nothing has been recorded since. */
	private volatile @Nullable Snapshot last;

	Snapshots(StampManager stamper, Journal journal) {
		this.stamper = stamper;
		this.journal = journal;
	}

	/** A snapshot of the whole execution so far. */
	ExecutionInfo take() {
		// Every recording takes a step, and every request takes a journal slot, before it is written. A batch takes its
		// children's first steps and slots together when it starts; a slot still empty until its child is claimed
		// keeps the snapshot from being reused.
		long step = this.stamper.currentStep();
		int size = this.journal.size();
		Snapshot last = this.last;
		if (last != null && last.step == step && last.size == size) {
			return last.info;
		}
		RequestTemplate[] heads = new RequestTemplate[size];
		int count = 0;
		boolean settled = true;
		for (int i = 0; i < size; i++) {
			RequestTemplate head = this.journal.head(i);
			if (head == null) {
				// Its slot is reserved and not yet filled: its creation is under way, and left out of this snapshot.
				settled = false;
				continue;
			}
			settled &= head.isClosed();
			heads[count++] = head;
		}
		ExecutionInfo info = RecordWriter.get()
			.snapshot((count == size) ? heads : Arrays.copyOf(heads, count), this.stamper);
		if (settled) {
			// Nothing was under way: this snapshot stays current until the next step or request.
			this.last = new Snapshot(step, size, info);
		}
		return info;
	}

	/** A snapshot and the step and journal size it was taken at. */
	private record Snapshot(long step, int size, ExecutionInfo info) {
	}

}
