package dev.railtracks.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ApprovalDecision;
import dev.railtracks.ApprovalDeclinedException;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.NodeParameter;
import dev.railtracks.Railtracks;

/**
 * A person approves a node call before it runs, as the original's {@code verifier}: the run pauses with a pending
 * approval (a Human node, child of the call, showing the node, its arguments and why) until someone approves,
 * approves with changed arguments, or declines with a reason (see {@link dev.railtracks.HumanRequests}). A decline
 * (its reason cut at {@link #MAX_REASON_LENGTH} characters; the Human node records it whole), or no decision within
 * the timeout, fails the call with an {@link ApprovalDeclinedException}, which an agent tells its
 * model as the tool's result and which never ends the run.
 *
 * <pre>{@code
 * Agent.builder("support", model)
 *     .tool(refund, "Refunds an order", requiresApproval().when((args) -> ((Number) args.get(1)).doubleValue() > 100))
 *     .build();
 * NodeDefinition<Receipt> guarded = pay.withMiddleware(requiresApproval().timeout(Duration.ofHours(4)));
 * }</pre>
 *
 * <p>When the condition itself throws, a person decides: the failure is logged and named in the reason shown.
 * Changed arguments are given by parameter name and converted to the parameter's type; the call runs with them, and
 * its request records them under {@code details.internals.approved_arguments}.
 */
public final class Approval implements NodeMiddleware {

	/** How long a call waits for approval unless {@link #timeout(Duration)} says otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

	/**
	 * How many characters of a decline's reason the caller (an agent's model) reads; a longer one is cut there and
	 * ends with {@code …}. The Human node records the whole decision.
	 */
	public static final int MAX_REASON_LENGTH = 4096;

	/** The detail the changed arguments of an approved call are recorded under. */
	public static final String APPROVED_ARGUMENTS_DETAIL = "approved_arguments";

	private static final Logger logger = LoggerFactory.getLogger(Approval.class);

	/** Converts approved arguments, given as JSON values, to the parameters' types. */
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Predicate<List<@Nullable Object>> condition;

	private final Duration timeout;

	private final String reason;

	private Approval(Predicate<List<@Nullable Object>> condition, Duration timeout, String reason) {
		this.condition = condition;
		this.timeout = timeout;
		this.reason = reason;
	}

	/**
	 * Every call needs a person's approval, within {@link #DEFAULT_TIMEOUT}.
	 * @return the middleware
	 */
	public static Approval requiresApproval() {
		return new Approval((arguments) -> true, DEFAULT_TIMEOUT, "This call needs approval");
	}

	/**
	 * Only the calls whose arguments match need approval (refunds above 100 EUR, say); the others run at once.
	 * @param condition tested on the call's arguments, in parameter order
	 * @return a copy with the condition
	 */
	public Approval when(Predicate<List<@Nullable Object>> condition) {
		if (condition == null) {
			throw new IllegalArgumentException("The condition of an approval must not be null");
		}
		return new Approval(condition, this.timeout, this.reason);
	}

	/**
	 * How long a call waits for a decision; past it, the call is declined.
	 * @param timeout positive
	 * @return a copy with the timeout
	 */
	public Approval timeout(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()
				|| timeout.compareTo(ExecutorConfig.MAX_TIMEOUT) > 0) {
			throw new IllegalArgumentException("The timeout of an approval must be positive and at most "
					+ ExecutorConfig.MAX_TIMEOUT + " but was " + timeout);
		}
		return new Approval(this.condition, timeout, this.reason);
	}

	/**
	 * Why the call needs approval, as the approver reads it.
	 * @param reason the reason, not blank
	 * @return a copy with the reason
	 */
	public Approval because(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("The reason of an approval must not be blank, got '" + reason + "'");
		}
		return new Approval(this.condition, this.timeout, reason);
	}

	/**
	 * How long a call waits for a decision.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public @Nullable Object around(NodeCall call) throws Exception {
		String why = this.reason;
		boolean needed;
		try {
			needed = this.condition.test(call.arguments());
		}
		catch (RuntimeException ex) {
			logger.warn("The approval condition of node '{}' failed; a person decides", call.nodeName(), ex);
			needed = true;
			why = this.reason + " (the approval condition failed with " + ex + ")";
		}
		if (!needed) {
			return call.proceed();
		}
		ApprovalDecision decision = Railtracks.askApproval(why, call.nodeName(), call.arguments(), this.timeout);
		if (!decision.approved()) {
			String declined = decision.reason();
			throw new ApprovalDeclinedException(call.nodeName(),
					(declined != null && !declined.isBlank()) ? shortened(declined) : "no reason given");
		}
		if (decision.arguments().isEmpty()) {
			return call.proceed();
		}
		call.recordDetail(APPROVED_ARGUMENTS_DETAIL, decision.arguments());
		return call.proceed(changed(call, decision.arguments()));
	}

	/** A reason as the caller reads it: at most {@link #MAX_REASON_LENGTH} characters, then {@code …}. */
	static String shortened(String reason) {
		if (reason.length() <= MAX_REASON_LENGTH) {
			return reason;
		}
		int end = MAX_REASON_LENGTH;
		if (Character.isHighSurrogate(reason.charAt(end - 1))) {
			end--;
		}
		return reason.substring(0, end) + "…";
	}

	/** The call's arguments with the approver's changes, each converted to its parameter's type. */
	private static @Nullable Object[] changed(NodeCall call, Map<String, @Nullable Object> changes) {
		List<NodeParameter> parameters = call.definition().parameters();
		List<@Nullable Object> arguments = new ArrayList<>(call.arguments());
		Map<String, @Nullable Object> unknown = new LinkedHashMap<>(changes);
		for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
			NodeParameter parameter = parameters.get(i);
			if (unknown.containsKey(parameter.name())) {
				Object value = unknown.remove(parameter.name());
				arguments.set(i, (value == null) ? null
						: MAPPER.convertValue(value, MAPPER.constructType(parameter.type())));
			}
		}
		if (!unknown.isEmpty()) {
			throw new NodeCreationException("The approval of node '" + call.nodeName() + "' changes " + unknown.keySet()
					+ ", which are not among its parameters " + parameters.stream().map(NodeParameter::name).toList());
		}
		return arguments.toArray();
	}

}
