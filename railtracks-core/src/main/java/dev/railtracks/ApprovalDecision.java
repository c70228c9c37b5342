package dev.railtracks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A person's answer to an approval ({@link HumanRequest.Kind#APPROVAL}): approve, approve with changed arguments, or
 * decline with a reason, as the original's {@code Verdict}.
 *
 * @param approved whether the call may run
 * @param arguments for an approval, the arguments to change, by parameter name (the others keep their values);
 * empty to keep them all
 * @param reason why, optional; a decline without one reads "no reason given" to the caller
 */
public record ApprovalDecision(boolean approved, Map<String, @Nullable Object> arguments, @Nullable String reason) {

	/**
	 * A decision; a declined one changes no arguments.
	 * @param approved whether the call may run
	 * @param arguments the arguments to change, {@code null} for none
	 * @param reason why
	 */
	public ApprovalDecision {
		arguments = (arguments != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(arguments))
				: Map.of();
		if (!approved && !arguments.isEmpty()) {
			throw new IllegalArgumentException("A declined call runs with no arguments, but the decision changes "
					+ arguments.keySet());
		}
	}

	/**
	 * Approves the call as it is.
	 * @return the decision
	 */
	public static ApprovalDecision approve() {
		return new ApprovalDecision(true, Map.of(), null);
	}

	/**
	 * Approves the call with some arguments changed.
	 * @param arguments the new values by parameter name
	 * @return the decision
	 */
	public static ApprovalDecision approveWith(Map<String, ? extends @Nullable Object> arguments) {
		if (arguments == null) {
			throw new IllegalArgumentException("The changed arguments of an approval must not be null");
		}
		return new ApprovalDecision(true, new LinkedHashMap<>(arguments), null);
	}

	/**
	 * Declines the call.
	 * @param reason why, told to the caller (an agent's model reads it as the tool's result)
	 * @return the decision
	 */
	public static ApprovalDecision decline(String reason) {
		return new ApprovalDecision(false, Map.of(), reason);
	}

}
