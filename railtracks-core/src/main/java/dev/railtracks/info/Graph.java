package dev.railtracks.info;

import java.util.List;

/**
 * The newest version of every node and request, as vertices and edges.
 *
 * @param vertices one per node
 * @param edges one per request
 */
public record Graph(List<Vertex> vertices, List<Edge> edges) {
}
