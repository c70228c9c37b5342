package dev.railtracks.info;

import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.support.EpochClock;

/**
 * Writes execution state as JSON in the format the Railtracks tools read (see {@code railtracks-state-schema.json}):
 * vertices and edges with their earlier versions nested under {@code parent}, and the session envelope of the saved
 * file. Streams through Jackson's generator, so a 10 000-node run never builds a tree in memory.
 */
final class StateJson {

	/**
	 * Writes the document's own structure. Its nesting is ours (a node's earlier versions nest under
	 * {@code parent}, one level per version), so it has no depth limit; {@link ValueJson} bounds the values.
	 */
	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
			.build())
		.build();

	private StateJson() {
	}

	static String graph(ExecutionInfo info) {
		StringWriter out = new StringWriter(estimate(info));
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			writeGraph(json, info);
		}
		return out.toString();
	}

	/**
	 * Writes the saved-session document as text; see {@link #writeSession(JsonGenerator, SessionDocument)}.
	 * @param out where to write
	 * @param document the session's envelope and record
	 */
	static void writeSession(Writer out, SessionDocument document) {
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			writeSession(json, document);
		}
	}

	/**
	 * Writes the saved-session document as UTF-8, encoded by the generator itself (no text, then bytes, in between);
	 * see {@link #writeSession(JsonGenerator, SessionDocument)}.
	 * @param out where to write
	 * @param document the session's envelope and record
	 */
	static void writeSession(OutputStream out, SessionDocument document) {
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			writeSession(json, document);
		}
	}

	/**
	 * Writes the saved-session document: {@code flow_name}, {@code flow_id}, {@code session_id},
	 * {@code session_name}, {@code start_time},
	 * {@code end_time} and one entry in {@code runs} per top-level request.
	 */
	private static void writeSession(JsonGenerator json, SessionDocument document) {
		String sessionId = document.sessionId();
		ExecutionInfo info = document.info();
		json.writeStartObject();
		// Always present, null without a flow, as the original writes them.
		json.writeName("flow_name");
		writeNullableString(json, document.flowName());
		json.writeName("flow_id");
		writeNullableString(json, document.flowId());
		json.writeStringProperty("session_id", sessionId);
		json.writeName("session_name");
		writeNullableString(json, document.sessionName());
		json.writeNumberProperty("start_time", EpochClock.toSeconds(document.startNanos()));
		json.writeNumberProperty("end_time", EpochClock.toSeconds(document.endNanos()));
		json.writeArrayPropertyStart("runs");
		for (RequestTemplate insertion : info.insertionRequests()) {
			writeRun(json, sessionId, insertion, info.getInfo(List.of(insertion.identifier())));
		}
		json.writeEndArray();
		json.writeEndObject();
	}

	/**
	 * The saved-session document as a string; see {@link #writeSession(JsonGenerator, SessionDocument)}.
	 * @param document the session's envelope and record
	 * @return the JSON text
	 */
	static String session(SessionDocument document) {
		StringWriter out = new StringWriter(estimate(document.info()));
		writeSession(out, document);
		return out.toString();
	}

	private static void writeRun(JsonGenerator json, String sessionId, RequestTemplate insertion, ExecutionInfo run) {
		json.writeStartObject();
		json.writeStringProperty("session_id", sessionId);
		json.writeStringProperty("run_id", insertion.identifier());
		json.writeStringProperty("name", insertion.sinkName());
		json.writeStringProperty("status", insertion.status().jsonName());
		json.writeNumberProperty("start_time", insertion.terminalParent().stamp().time());
		json.writeName("end_time");
		if (insertion.isClosed()) {
			json.writeNumber(insertion.stamp().time());
		}
		else {
			json.writeNull();
		}
		writeGraphFields(json, run);
		json.writeEndObject();
	}

	private static void writeGraph(JsonGenerator json, ExecutionInfo info) {
		json.writeStartObject();
		writeGraphFields(json, info);
		json.writeEndObject();
	}

	private static void writeGraphFields(JsonGenerator json, ExecutionInfo info) {
		// The graph model is what gets written: one shape for toGraph() and the JSON.
		Graph graph = info.toGraph();
		json.writeArrayPropertyStart("nodes");
		for (Vertex vertex : graph.vertices()) {
			writeVertex(json, vertex);
		}
		json.writeEndArray();
		json.writeArrayPropertyStart("edges");
		for (Edge edge : graph.edges()) {
			writeEdge(json, edge);
		}
		json.writeEndArray();
		json.writeArrayPropertyStart("steps");
		for (Stamp stamp : info.steps()) {
			writeStamp(json, stamp);
		}
		json.writeEndArray();
	}

	private static void writeVertex(JsonGenerator json, Vertex vertex) {
		json.writeStartObject();
		json.writeStringProperty("identifier", vertex.identifier());
		json.writeStringProperty("node_type", vertex.nodeType());
		json.writeStringProperty("name", vertex.name());
		json.writeName("stamp");
		writeStamp(json, vertex.stamp());
		json.writeObjectPropertyStart("details");
		json.writeName("internals");
		ValueJson.writeMap(json, vertex.internals());
		json.writeEndObject();
		json.writeName("parent");
		Vertex parent = vertex.parent();
		if (parent != null) {
			writeVertex(json, parent);
		}
		else {
			json.writeNull();
		}
		json.writeEndObject();
	}

	private static void writeEdge(JsonGenerator json, Edge edge) {
		json.writeStartObject();
		json.writeName("source");
		writeNullableString(json, edge.source());
		json.writeStringProperty("target", edge.target());
		json.writeStringProperty("identifier", edge.identifier());
		json.writeName("stamp");
		writeStamp(json, edge.stamp());
		json.writeObjectPropertyStart("details");
		json.writeArrayPropertyStart("input_args");
		for (Object arg : edge.inputArgs()) {
			ValueJson.write(json, arg);
		}
		json.writeEndArray();
		json.writeObjectPropertyStart("input_kwargs");
		json.writeEndObject();
		json.writeStringProperty("status", edge.status().jsonName());
		json.writeName("output");
		ValueJson.write(json, edge.output());
		json.writeEndObject();
		json.writeName("parent");
		Edge parent = edge.parent();
		if (parent != null) {
			writeEdge(json, parent);
		}
		else {
			json.writeNull();
		}
		json.writeEndObject();
	}

	private static void writeStamp(JsonGenerator json, Stamp stamp) {
		json.writeStartObject();
		json.writeNumberProperty("step", stamp.step());
		json.writeNumberProperty("time", stamp.time());
		json.writeStringProperty("identifier", stamp.identifier());
		json.writeEndObject();
	}

	private static void writeNullableString(JsonGenerator json, @Nullable String text) {
		if (text != null) {
			json.writeString(text);
		}
		else {
			json.writeNull();
		}
	}

	private static int estimate(ExecutionInfo info) {
		return 256 + info.size() * 1200;
	}

}
