package dev.railtracks.llm;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ScriptedModel}, the model tests and demos use in place of a provider.
 */
class ScriptedModelTests {

	static ModelRequest ask(String text) {
		return new ModelRequest(List.of(new UserMessage(text)), List.of(), null);
	}

	@Test
	void responsesInOrderThenAClearFailure() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("one"), ModelResponse.text("two"));
		assertThat(model.chat(ask("a")).message().content()).isEqualTo("one");
		assertThat(model.chat(ask("b")).message().content()).isEqualTo("two");
		assertThatIllegalStateException().isThrownBy(() -> model.chat(ask("c")))
			.withMessage("ScriptedModel has no response left: call 3 but the script has 2 response(s)");
	}

	@Test
	void unreportedUsageIsEstimatedFromTheCharactersAndReportedUsageKept() {
		ScriptedModel model = ScriptedModel.of((request) -> request.lastUserText().equals("given")
				? ModelResponse.text("x").withUsage(7, 1) : ModelResponse.text("12345678"));
		assertThat(model.chat(ask("abcdefgh")).usage()).extracting("inputTokens", "outputTokens").containsExactly(2, 2);
		assertThat(model.chat(ask("given")).usage()).extracting("inputTokens", "outputTokens").containsExactly(7, 1);
	}

	@Test
	void onlyTheLatestRequestsAreKept() {
		ScriptedModel model = ScriptedModel.of((request) -> new ModelResponse(new AssistantMessage("ok"),
				new TokenUsage(1, 1)));
		for (int i = 0; i < ScriptedModel.KEPT_REQUESTS + 5; i++) {
			model.chat(ask("request " + i));
		}
		assertThat(model.requests()).hasSize(ScriptedModel.KEPT_REQUESTS);
		assertThat(model.requests().get(0).lastUserText()).isEqualTo("request 5");
	}

}
