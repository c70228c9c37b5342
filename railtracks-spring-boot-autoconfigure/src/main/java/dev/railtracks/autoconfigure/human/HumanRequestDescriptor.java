package dev.railtracks.autoconfigure.human;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.railtracks.HumanRequest;

/**
 * A pending request as the HTTP API and the actuator endpoint show it.
 *
 * @param runId the id of the run (session) that waits
 * @param requestId the request's id within the run
 * @param kind {@code question} or {@code approval}
 * @param question the question, or why the call needs approval
 * @param answerType the Java type an answer must have ({@code dev.railtracks.ApprovalDecision} for an approval)
 * @param subject the asking node, or the node whose call needs approval
 * @param arguments the arguments of the call to approve (empty for a question), each {@code "******"} where values
 * are masked; {@code null} where not listed
 * @param askedAt when it was asked
 * @param deadline when the wait ends without an answer
 */
public record HumanRequestDescriptor(String runId, String requestId, String kind, String question, String answerType,
		String subject, @Nullable List<@Nullable Object> arguments, Instant askedAt, Instant deadline) {

	/** What a value not shown reads as. */
	public static final String MASK = "******";

	/**
	 * Describes a request, its arguments shown or masked.
	 * @param request the request
	 * @param withArguments whether to list the arguments of a call to approve
	 * @param valuesShown whether to show their values; when not, each is replaced by {@code "******"}
	 * @return the descriptor
	 */
	// NullAway on a JDK 17 before 17.0.19 does not see the @Nullable type argument of a method compiled in another
	// module (docs/design-notes.md, "Null checking").
	@SuppressWarnings("NullAway")
	public static HumanRequestDescriptor of(HumanRequest request, boolean withArguments, boolean valuesShown) {
		List<@Nullable Object> arguments = null;
		if (withArguments) {
			arguments = valuesShown ? request.arguments()
					: request.arguments().stream().map((argument) -> (Object) MASK).toList();
		}
		return new HumanRequestDescriptor(request.runId(), request.requestId(),
				request.kind().name().toLowerCase(Locale.ROOT), request.question(), request.answerType().getName(),
				request.subject(), arguments, request.askedAt(), request.deadline());
	}

}
