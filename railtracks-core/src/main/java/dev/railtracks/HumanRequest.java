package dev.railtracks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A question or an approval a run waits for a person to answer: what is asked, of which type the answer must be, and
 * until when the run waits. Listed by {@link HumanRequests#pending()} and answered with
 * {@link HumanRequests#answer(String, String, Object, String)}.
 *
 * @param runId the id of the session (run) that asks
 * @param requestId the request's id, unique within its run
 * @param kind a question or an approval
 * @param question what the person reads: the question, or why the call needs approval
 * @param answerType the type an answer must have ({@link ApprovalDecision} for an approval)
 * @param subject the node that asks (a question) or whose call needs approval (an approval)
 * @param arguments the arguments of the call to approve, unmodifiable; empty for a question
 * @param askedAt when it was asked
 * @param deadline when the wait ends without an answer
 */
public record HumanRequest(String runId, String requestId, Kind kind, String question, Class<?> answerType,
		String subject, List<@Nullable Object> arguments, Instant askedAt, Instant deadline) {

	/**
	 * A request; its arguments are copied into an unmodifiable list (every caller of
	 * {@link HumanRequests#pending()} sees the same one).
	 */
	public HumanRequest {
		arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
	}

	/** What a request asks for. */
	public enum Kind {

		/** A question whose answer the asking node gets ({@link Railtracks#askHuman}). */
		QUESTION,

		/** An approval of a node call: approve, approve with changed arguments, or decline. */
		APPROVAL

	}

}
