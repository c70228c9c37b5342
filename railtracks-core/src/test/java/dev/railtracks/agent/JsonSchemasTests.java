package dev.railtracks.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.FunctionNode;
import dev.railtracks.NodeParameter;

import static dev.railtracks.agent.AgentTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonSchemas}: tool argument schemas whose every {@code $ref} resolves from the root, as a model
 * provider reads them.
 */
class JsonSchemasTests {

	/**
	 * A leg of a route.
	 * @param from where it starts
	 * @param to where it ends
	 */
	record Leg(String from, String to) {
	}

	/**
	 * A route: the same type twice.
	 * @param out the way there
	 * @param back the way back
	 */
	record Route(Leg out, Leg back) {
	}

	/**
	 * A tree: a type that contains itself.
	 * @param name the node's name
	 * @param children the node's children
	 */
	record TreeNode(String name, List<TreeNode> children) {
	}

	static String plan(Route route) {
		return route.out().to();
	}

	static int count(TreeNode tree) {
		return 1 + tree.children().stream().mapToInt(JsonSchemasTests::count).sum();
	}

	@Test
	void aRecordThatUsesOneTypeTwiceHasReferencesThatResolveFromTheRoot() {
		JsonNode schema = argumentsSchema(FunctionNode.of("plan", JsonSchemasTests::plan));
		assertThat(refs(schema)).isNotEmpty().allSatisfy((ref) -> assertResolvesToADefinition(schema, ref));
		assertValid(schema, "{\"route\":{\"out\":{\"from\":\"Kyoto\",\"to\":\"Nara\"},"
				+ "\"back\":{\"from\":\"Nara\",\"to\":\"Kyoto\"}}}");
		assertInvalid(schema, "{\"route\":{\"out\":{\"from\":\"Kyoto\",\"to\":3},\"back\":{\"from\":\"Nara\",\"to\":\"Kyoto\"}}}");
	}

	@Test
	void aRecursiveTypeHasReferencesThatResolveFromTheRoot() {
		JsonNode schema = argumentsSchema(FunctionNode.of("count", JsonSchemasTests::count));
		assertThat(refs(schema)).isNotEmpty().allSatisfy((ref) -> assertResolvesToADefinition(schema, ref));
		assertValid(schema, "{\"tree\":{\"name\":\"root\",\"children\":[{\"name\":\"leaf\",\"children\":[]}]}}");
		assertInvalid(schema, "{\"tree\":{\"name\":\"root\",\"children\":[{\"name\":\"leaf\",\"children\":[{\"name\":7}]}]}}");
	}

	@Test
	void parametersOfOneTypeShareItsDefinitionAndKeepTheirDescriptions() {
		JsonNode schema = JSON.readTree(JsonSchemas.ofArguments(List.of(new NodeParameter("there", Route.class, "Going"),
				new NodeParameter("again", Route.class, "Coming again"), new NodeParameter("tree", TreeNode.class, null))));
		assertThat(refs(schema)).isNotEmpty().allSatisfy((ref) -> assertResolvesToADefinition(schema, ref));
		assertThat(schema.get("properties").get("there").get("description").asString()).isEqualTo("Going");
		assertThat(schema.get("properties").get("again").get("description").asString()).isEqualTo("Coming again");
		assertThat(schema.get("required")).extracting(JsonNode::asString).containsExactly("there", "again", "tree");
		assertValid(schema, "{\"there\":{\"out\":{\"from\":\"a\",\"to\":\"b\"},\"back\":{\"from\":\"b\",\"to\":\"a\"}},"
				+ "\"again\":{\"out\":{\"from\":\"a\",\"to\":\"c\"},\"back\":{\"from\":\"c\",\"to\":\"a\"}},"
				+ "\"tree\":{\"name\":\"t\",\"children\":[]}}");
	}

	@Test
	void aRecursiveOutputTypeHasReferencesThatResolveFromTheRoot() {
		JsonNode schema = JSON.readTree(JsonSchemas.of(TreeNode.class));
		assertThat(refs(schema)).isNotEmpty().allSatisfy((ref) -> assertResolves(schema, ref));
	}

	private static JsonNode argumentsSchema(FunctionNode<?> tool) {
		return JSON.readTree(JsonSchemas.ofArguments(tool.parameters()));
	}

	/** Every {@code $ref} in a schema, wherever it is nested. */
	private static List<String> refs(JsonNode schema) {
		List<String> refs = new ArrayList<>();
		collectRefs(schema, refs);
		return refs;
	}

	private static void collectRefs(JsonNode node, List<String> refs) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (property.getKey().equals("$ref") && property.getValue().isString()) {
					refs.add(property.getValue().asString());
				}
				else {
					collectRefs(property.getValue(), refs);
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode item : node) {
				collectRefs(item, refs);
			}
		}
	}

	/** A reference in an argument schema: to a definition, never {@code #} (the arguments object itself). */
	private static void assertResolvesToADefinition(JsonNode root, String ref) {
		assertThat(ref).startsWith("#/$defs/");
		assertResolves(root, ref);
	}

	private static void assertResolves(JsonNode root, String ref) {
		assertThat(ref).as("a reference within the schema").startsWith("#");
		String pointer = ref.substring(1);
		JsonNode target = pointer.isEmpty() ? root : root.at(pointer);
		assertThat(target.isMissingNode()).as("%s resolves from the root of %s", ref, root).isFalse();
		assertThat(target.isObject()).as("%s points at a schema", ref).isTrue();
	}

	private static void assertValid(JsonNode schema, String arguments) {
		assertThat(validate(schema, arguments)).isEmpty();
	}

	private static void assertInvalid(JsonNode schema, String arguments) {
		assertThat(validate(schema, arguments)).isNotEmpty();
	}

	private static List<?> validate(JsonNode schema, String arguments) {
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(schema.toString(), InputFormat.JSON)
			.validate(arguments, InputFormat.JSON);
	}

}
