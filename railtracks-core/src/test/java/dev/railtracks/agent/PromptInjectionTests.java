package dev.railtracks.agent;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	/**
	 * Brace literals in javadoc are easy to get wrong ({@code {@code {}} never ends): the agent and LLM packages'
	 * sources, this class's included, pass javadoc's doclint.
	 */
	@Test
	void theAgentAndLlmPackagesJavadocPassesDoclint(@TempDir Path classes) throws IOException {
		List<Path> sources;
		try (Stream<Path> agent = Files.list(Path.of("src/main/java/dev/railtracks/agent"));
				Stream<Path> llm = Files.list(Path.of("src/main/java/dev/railtracks/llm"))) {
			sources = Stream.concat(agent, llm).filter((path) -> path.toString().endsWith(".java")).toList();
		}
		assertThat(sources).contains(Path.of("src/main/java/dev/railtracks/agent/PromptInjection.java"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter output = new StringWriter();
		boolean passed;
		try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
			passed = javac.getTask(output, files, null,
					List.of("-Xdoclint:all,-missing", "-proc:none", "-implicit:none", "-nowarn", "-d", classes.toString(),
							"-cp", System.getProperty("java.class.path")),
					null, files.getJavaFileObjectsFromPaths(sources))
				.call();
		}
		assertThat(output.toString()).doesNotContain("error:");
		assertThat(passed).as(output.toString()).isTrue();
	}

}
