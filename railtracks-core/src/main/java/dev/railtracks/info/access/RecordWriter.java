package dev.railtracks.info.access;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.NodeType;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.StampManager;

/**
 * The engine's one way to write a record: the factories and mutators of {@code dev.railtracks.info}, which readers of
 * a record never see there. The record package registers its implementation when it is first used (Java has no friend
 * access; this is the usual accessor pattern), and the engine reaches it through {@link #get()}.
 *
 * <p>Not API: the module does not export this package.
 */
public abstract class RecordWriter {

	private static volatile @Nullable RecordWriter instance;

	/**
	 * Registers the record package's implementation; only one, ever.
	 * @throws IllegalStateException when one is registered already
	 */
	protected RecordWriter() {
		synchronized (RecordWriter.class) {
			if (instance != null) {
				throw new IllegalStateException("The record's writer is registered already");
			}
			instance = this;
		}
	}

	/**
	 * The record package's writer.
	 * @return the writer
	 */
	public static RecordWriter get() {
		RecordWriter writer = instance;
		if (writer == null) {
			try {
				// StampManager's initializer registers it.
				Class.forName(StampManager.class.getName(), true, StampManager.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
			writer = instance;
			if (writer == null) {
				throw new IllegalStateException("The record package registered no writer");
			}
		}
		return writer;
	}

	/**
	 * A new, empty history for a session: its step counter.
	 * @return the history
	 */
	public abstract StampManager newHistory();

	/**
	 * Takes the next step of a session's history, for a version recorded with it.
	 * @param history the session's live history
	 * @return the step
	 */
	public abstract long nextStep(StampManager history);

	/**
	 * Takes the next {@code count} steps of a session's history at once, for versions recorded with them later.
	 * @param history the session's live history
	 * @param count how many
	 * @return the first step
	 */
	public abstract long nextSteps(StampManager history, int count);

	/**
	 * The first version of a request: open, made when the request is created.
	 * @param caller any version of the calling node's request, or {@code null} for a top-level request
	 * @param nodeHigh the called node's id, most significant bits
	 * @param nodeLow the called node's id, least significant bits
	 * @param name the called node's name
	 * @param nodeType the called node's type
	 * @param inputArgs the call's arguments (copied, so that a caller reusing its array cannot rewrite history)
	 * @param details the node's details at creation, immutable
	 * @param step the step this version is recorded at
	 * @param epochNanos when
	 * @return the open request, with a new random id
	 */
	public abstract RequestTemplate created(@Nullable RequestTemplate caller, long nodeHigh, long nodeLow, String name,
			NodeType nodeType, @Nullable Object[] inputArgs, Map<String, Object> details, long step, long epochNanos);

	/**
	 * The version of an open request when its node has finished, with its own outcome.
	 * @param open the open request
	 * @param output the result, or a {@link Failure}
	 * @param status {@link RequestStatus#COMPLETED} or {@link RequestStatus#FAILED}
	 * @param details the node's details at that time, immutable
	 * @param latencyNanos how long the node ran
	 * @param step the step this version is recorded at
	 * @param epochNanos when
	 * @return the new version
	 */
	public abstract RequestTemplate finished(RequestTemplate open, @Nullable Object output, RequestStatus status,
			Map<String, Object> details, long latencyNanos, long step, long epochNanos);

	/**
	 * The version of an open request when it was ended from outside (cancelled, timed out, ended with its run).
	 * @param open the open request
	 * @param failure why
	 * @param details the node's details at that time, immutable
	 * @param latencyNanos how long it had run
	 * @param step the step this version is recorded at
	 * @param epochNanos when
	 * @return the new, failed version
	 */
	public abstract RequestTemplate cancelled(RequestTemplate open, Failure failure, Map<String, Object> details,
			long latencyNanos, long step, long epochNanos);

	/**
	 * A snapshot of a session's record.
	 * @param heads the newest version of every request, in creation order (kept, not copied)
	 * @param history the session's live history, frozen into the snapshot
	 * @return the snapshot
	 */
	public abstract ExecutionInfo snapshot(RequestTemplate[] heads, StampManager history);

}
