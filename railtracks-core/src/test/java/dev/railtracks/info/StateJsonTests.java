package dev.railtracks.info;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StateJson}.
 */
class StateJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final FunctionNode<Integer> TWICE = FunctionNode.of("twice", (String s) -> call(LENGTH, s) * 2);

	/** A value whose only property cannot be read. */
	public static final class Exploding {

		public String getValue() {
			throw new IllegalStateException("cannot read me");
		}

		@Override
		public String toString() {
			return "Exploding!";
		}

	}

	/** A value Jackson binds as an object. */
	public record Point(int x, int y) {
	}

	private static Session session() {
		return new Session(NO_SAVE);
	}

	@Test
	void graphSerializationHasNodesEdgesAndSteps() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(TWICE, "abc");
			JsonNode graph = JSON.readTree(info.graphSerialization());
			assertThat(graph.propertyNames()).containsExactly("nodes", "edges", "steps");
			assertThat(graph.get("nodes")).hasSize(2);
			assertThat(graph.get("edges")).hasSize(2);
			assertThat(graph.get("steps")).hasSize(4);
			assertThat(graph.get("nodes").get(0).get("name").asString()).isEqualTo("twice");
			assertThat(graph.get("nodes").get(0).get("parent").get("stamp").get("identifier").asString())
				.isEqualTo("START CREATED twice");
			assertThat(graph.get("edges").get(0).get("details").get("output").asInt()).isEqualTo(6);
			assertThat(graph.get("edges").get(1).get("source").asString())
				.isEqualTo(graph.get("nodes").get(0).get("identifier").asString());
			List<Long> steps = new ArrayList<>();
			graph.get("steps").forEach((step) -> steps.add(step.get("step").asLong()));
			assertThat(steps).containsExactly(0L, 1L, 2L, 3L);
		}
	}

	@Test
	void anEmptyExecutionSerializesToEmptyLists() {
		JsonNode graph = JSON.readTree(ExecutionInfo.createNew().graphSerialization());
		assertThat(graph.toString()).isEqualTo("{\"nodes\":[],\"edges\":[],\"steps\":[]}");
		JsonNode session = JSON.readTree(new SessionDocument("id", null, 1_000_000_000L, 2_000_000_000L,
				ExecutionInfo.createNew()).toJson());
		assertThat(session.get("session_id").asString()).isEqualTo("id");
		assertThat(session.get("session_name").isNull()).isTrue();
		assertThat(session.get("start_time").asDouble()).isEqualTo(1.0);
		assertThat(session.get("end_time").asDouble()).isEqualTo(2.0);
		assertThat(session.get("runs")).isEmpty();
	}

	@Test
	void valuesJacksonCannotSerializeBecomeAReadablePlaceholder() {
		FunctionNode<Exploding> exploding = FunctionNode.of("exploding", (String s) -> new Exploding());
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(exploding, "x");
			JsonNode graph = JSON.readTree(info.graphSerialization());
			JsonNode output = graph.get("edges").get(0).get("details").get("output");
			assertThat(output.isString()).isTrue();
			assertThat(output.asString()).contains("Unable to serialize")
				.contains(Exploding.class.getName())
				.contains("Exploding!");
		}
	}

	@Test
	void argumentsOutputsAndDetailsAreBoundAsJson() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("point", new Point(1, 2));
		nested.put("nothing", null);
		nested.put("list", List.of(1, 2.5, "three", true));
		FunctionNode<Map<String, Object>> echo = FunctionNode.of("echo", (Map<String, Object> m) -> m);
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(echo, nested);
			JsonNode details = JSON.readTree(info.graphSerialization()).get("edges").get(0).get("details");
			String expected = "{\"point\":{\"x\":1,\"y\":2},\"nothing\":null,\"list\":[1,2.5,\"three\",true]}";
			assertThat(details.get("output").toString()).isEqualTo(expected);
			assertThat(details.get("input_args").get(0).toString()).isEqualTo(expected);
		}
	}

	@Test
	void nonFiniteNumbersAreWrittenAsStrings() {
		FunctionNode<Double> divide = FunctionNode.of("divide", (Double d) -> d / 0.0);
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(divide, 1.0);
			JsonNode output = JSON.readTree(info.graphSerialization()).get("edges").get(0).get("details").get("output");
			assertThat(output.asString()).isEqualTo("Infinity");
		}
	}

	@Test
	void aSelfContainingValueBecomesAPlaceholderInsteadOfFailingTheFile() throws java.io.IOException {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add("head");
		cyclic.add(cyclic);
		FunctionNode<List<Object>> loop = FunctionNode.of("loop", () -> cyclic);
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(loop);
			StringWriter out = new StringWriter();
			new SessionDocument(session.identifier(), null, 0, 1, info).writeTo(out);
			JsonNode output = JSON.readTree(out.toString()).get("runs").get(0).get("edges").get(0).get("details")
				.get("output");
			assertThat(output.get(0).asString()).isEqualTo("head");
			assertThat(output.get(1).asString()).contains("Unable to serialize").contains("java.util.ArrayList");
			assertThat(JSON.readTree(info.graphSerialization()).get("edges").get(0).get("details").get("output"))
				.isEqualTo(output);
		}
	}

	@Test
	void bytesAreBase64AndExactNumbersStayNumbers() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("bytes", new byte[] { 0, 1, 2, (byte) 255 });
		values.put("decimal", new java.math.BigDecimal("0.1000000000000000000001"));
		values.put("integer", new java.math.BigInteger("123456789012345678901234567890"));
		values.put("nan", Double.NaN);
		values.put("minusInfinity", Float.NEGATIVE_INFINITY);
		String graph = StateJson.graph(recording(values));
		JsonNode written = JSON.readTree(graph).get("edges").get(0).get("details").get("output");
		assertThat(written.get("bytes").asString()).isEqualTo("AAEC/w==");
		assertThat(graph).contains("\"decimal\":0.1000000000000000000001,");
		assertThat(written.get("integer").bigIntegerValue())
			.isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
		assertThat(written.get("nan").asString()).isEqualTo("NaN");
		assertThat(written.get("minusInfinity").asString()).isEqualTo("-Infinity");
	}

	@Test
	void valuesNestMaxDepthLevelsAndDeeperLevelsBecomeThePlaceholder() {
		List<Object> outermost = new ArrayList<>();
		List<Object> current = outermost;
		for (int i = 1; i < ValueJson.MAX_DEPTH + 5; i++) {
			List<Object> inner = new ArrayList<>();
			current.add(inner);
			current = inner;
		}
		JsonNode value = JSON.readTree(StateJson.graph(recording(outermost))).get("edges").get(0).get("details")
			.get("output");
		for (int level = 0; level < ValueJson.MAX_DEPTH; level++) {
			assertThat(value.isArray()).as("level %d", level).isTrue();
			value = value.get(0);
		}
		assertThat(value.asString()).isEqualTo("< Unable to serialize java.util.ArrayList > (nested more than "
				+ ValueJson.MAX_DEPTH + " levels deep)");
	}

	@Test
	void aPlainObjectIsWrittenWithItsTextInsteadOfAnEmptyObject() {
		Object plain = new Object() {
			@Override
			public String toString() {
				return "plain text";
			}
		};
		JsonNode value = JSON.readTree(StateJson.graph(recording(plain))).get("edges").get(0).get("details")
			.get("output");
		assertThat(value.asString()).isEqualTo("< Unable to serialize " + plain.getClass().getName() + " > plain text");
	}

	@Test
	void aFailureIsWrittenWithItsSimpleTypeNameAndAMessageThatCannotBeReadLeavesANote() {
		RuntimeException unreadable = new RuntimeException() {
			@Override
			public String getMessage() {
				throw new IllegalStateException("no message");
			}
		};
		JsonNode failure = JSON.readTree(StateJson.graph(recording(new IllegalArgumentException("bad"))))
			.get("edges").get(0).get("details").get("output");
		assertThat(failure.get("type").asString()).isEqualTo("IllegalArgumentException");
		assertThat(failure.get("traceback").asString()).startsWith("java.lang.IllegalArgumentException: bad");
		JsonNode note = JSON.readTree(StateJson.graph(recording(unreadable))).get("edges").get(0).get("details")
			.get("output");
		assertThat(note.get("type").asString()).isEqualTo(unreadable.getClass().getName());
		assertThat(note.get("message").asString()).startsWith("(getMessage() of ");
	}

	/** The record of one run of a node returning the given value. */
	private static ExecutionInfo recording(Object value) {
		FunctionNode<Object> returning = FunctionNode.of("returning", () -> value);
		try (Session session = session()) {
			return session.runSync(returning);
		}
	}

}
