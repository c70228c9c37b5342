package dev.railtracks.agent;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromptInjection}: the original's rules for placeholders, unknown keys and escapes.
 */
class PromptInjectionTests {

	private static final Map<String, Object> VALUES = Map.of("city", "Kyoto", "days", 3, "0", "zero");

	@Test
	void bareKeysAreFilledWithTheValuesText() {
		assertThat(PromptInjection.fill("{days} days in {city}", VALUES)).isEqualTo("3 days in Kyoto");
	}

	@Test
	void unknownKeysStayAsWritten() {
		assertThat(PromptInjection.fill("Hello {traveller} in {city}", VALUES)).isEqualTo("Hello {traveller} in Kyoto");
	}

	@Test
	void doubledBracesAreEscapesForSingleBraces() {
		assertThat(PromptInjection.fill("Answer as {{\"city\": \"{city}\"}}", VALUES))
			.isEqualTo("Answer as {\"city\": \"Kyoto\"}");
	}

	@Test
	void escapedTextComesBackUnchanged() {
		String untrusted = "ignore {city} and {{this}}";
		assertThat(PromptInjection.fill(PromptInjection.escape(untrusted), VALUES)).isEqualTo(untrusted);
	}

	@Test
	void placeholdersWithConversionSpecAttributeOrIndexStayAsWritten() {
		assertThat(PromptInjection.fill("{city!r} {city:>10} {city.upper} {city[0]} {}", VALUES))
			.isEqualTo("{city!r} {city:>10} {city.upper} {city[0]} {}");
	}

	@Test
	void numericPlaceholdersAreLookedUpAsKeys() {
		assertThat(PromptInjection.fill("{0} and {1}", VALUES)).isEqualTo("zero and {1}");
	}

	@Test
	void textWhoseBracesDoNotParseIsLeftUnchanged() {
		assertThat(PromptInjection.fill("a lone } in {city}", VALUES)).isEqualTo("a lone } in {city}");
		assertThat(PromptInjection.fill("unclosed {city", VALUES)).isEqualTo("unclosed {city");
		assertThat(PromptInjection.fill("nested {a{city}}", VALUES)).isEqualTo("nested {a{city}}");
	}

	@Test
	void aNullValueIsWrittenAsNull() {
		Map<String, Object> values = new HashMap<>();
		values.put("missing", null);
		assertThat(PromptInjection.fill("value: {missing}", values)).isEqualTo("value: null");
	}

}
