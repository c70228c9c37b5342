package dev.railtracks.benchmarks.springai;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.execution.ToolCallResultConverter;

/**
 * Gives a tool's text to the model as it is, as the demo's agent does. Spring AI's default converter would quote a
 * text that is not JSON ({@code Kyoto: sunny} becomes {@code "Kyoto: sunny"}), and the plan would differ.
 */
public final class TextResult implements ToolCallResultConverter {

	/** Spring AI makes one per tool from the {@code @Tool} annotation. */
	public TextResult() {
	}

	@Override
	public String convert(@Nullable Object result, @Nullable Type returnType) {
		return String.valueOf(result);
	}

}
