package dev.railtracks.info;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One version of a node in graph form: what tools draw. {@code parent} is the node's previous version.
 *
 * @param identifier the node id
 * @param nodeType {@code Agent}, {@code Tool} or {@code Other}
 * @param name the node's name
 * @param stamp when this version was recorded
 * @param internals debug details ({@code latency}, LLM details, ...)
 * @param parent the previous version, or {@code null}
 */
public record Vertex(String identifier, String nodeType, String name, Stamp stamp, Map<String, Object> internals,
		@Nullable Vertex parent) {
}
