package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * Tokens one model call used, as the provider reported them.
 *
 * @param inputTokens tokens of the request, or {@code null} when not reported
 * @param outputTokens tokens of the answer, or {@code null} when not reported
 */
public record TokenUsage(@Nullable Integer inputTokens, @Nullable Integer outputTokens) {

	/** Usage that was not reported. */
	public static final TokenUsage UNKNOWN = new TokenUsage(null, null);

	/**
	 * Token usage.
	 * @param inputTokens input tokens, not negative, or {@code null}
	 * @param outputTokens output tokens, not negative, or {@code null}
	 */
	public TokenUsage {
		if ((inputTokens != null && inputTokens < 0) || (outputTokens != null && outputTokens < 0)) {
			throw new IllegalArgumentException("Token counts must not be negative but were " + inputTokens + " and "
					+ outputTokens);
		}
	}

}
