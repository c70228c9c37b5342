package dev.railtracks;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.junit.jupiter.api.Test;

import dev.railtracks.info.NodeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NodeDefinition#parameters()}: what agents tell a model about a tool's parameters.
 */
class NodeParameterTests {

	static String forecast(String city, List<Integer> days) {
		return city + days;
	}

	/** A node class with one constructor. */
	static class Greet extends Node<String> {

		private final String who;

		Greet(@JsonPropertyDescription("Who to greet") String who, int times) {
			this.who = who.repeat(times);
		}

		@Override
		public String invoke() {
			return "Hello " + this.who;
		}

	}

	/** A bean whose method is a node. */
	static class Weather {

		public Map<String, Integer> temperatures(@JsonPropertyDescription("Cities to look up") List<String> cities) {
			return Map.of();
		}

	}

	@Test
	void aMethodReferenceGivesTheMethodsNamesAndGenericTypes() {
		FunctionNode<String> node = FunctionNode.of("forecast", NodeParameterTests::forecast);
		assertThat(node.parameters()).extracting(NodeParameter::name).containsExactly("city", "days");
		assertThat(node.parameters().get(1).type().getTypeName()).isEqualTo("java.util.List<java.lang.Integer>");
	}

	@Test
	void aLambdasParametersAreNumberedUntilNamed() {
		FunctionNode<Integer> node = FunctionNode.of("count", (String text, Integer from) -> text.length() - from);
		assertThat(node.parameters()).extracting(NodeParameter::name).containsExactly("arg0", "arg1");
		FunctionNode<Integer> named = node.withParameterNames("text", "from").withParameterDescriptions("The text", null);
		assertThat(named.parameters()).containsExactly(new NodeParameter("text", String.class, "The text"),
				new NodeParameter("from", Integer.class, null));
		assertThat(node.parameters()).extracting(NodeParameter::name).containsExactly("arg0", "arg1");
	}

	@Test
	void namingTheWrongNumberOfParametersIsRefusedNamingTheNode() {
		FunctionNode<Integer> node = FunctionNode.of("count", (String text) -> text.length());
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> node.withParameterNames("a", "b"))
			.withMessage("Function node 'count' takes 1 parameter(s) but 2 names were given");
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> node.withParameterNames(" "))
			.withMessageContaining("parameter name 1 must not be blank");
	}

	@Test
	void aNodeClassGivesItsConstructorsParametersWithDescriptions() {
		assertThat(NodeDefinition.of(Greet.class).parameters()).containsExactly(
				new NodeParameter("who", String.class, "Who to greet"), new NodeParameter("times", int.class, null));
	}

	@Test
	void aMethodNodeGivesTheMethodsParameters() throws NoSuchMethodException {
		MethodNode<Object> node = MethodNode.of("temperatures", NodeType.TOOL,
				Weather.class.getMethod("temperatures", List.class), Weather::new);
		assertThat(node.parameters()).singleElement().satisfies((parameter) -> {
			assertThat(parameter.name()).isEqualTo("cities");
			assertThat(parameter.type().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
			assertThat(parameter.description()).isEqualTo("Cities to look up");
		});
	}

}
