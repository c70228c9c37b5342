package dev.railtracks.info;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node of an execution: the newest version per node id, earlier versions through {@link LinkedNode#parent()}.
 * Immutable.
 */
public final class NodeForest extends Forest<LinkedNode> {

	NodeForest(Map<String, LinkedNode> heads) {
		super(heads, "node");
	}

	/**
	 * A forest of the given latest versions, in their order.
	 * @param heads the latest version of each node
	 * @return the forest
	 */
	public static NodeForest of(Iterable<LinkedNode> heads) {
		return new NodeForest(byIdentifier(heads));
	}

	/**
	 * An empty forest.
	 * @return a forest with no nodes
	 */
	public static NodeForest empty() {
		return new NodeForest(new LinkedHashMap<>());
	}

	/**
	 * The forest as it was at a step: each node at its newest version with step at most {@code step}; nodes created
	 * later are absent. This forest is unchanged.
	 * @param step the step to travel to
	 * @return the forest at that step
	 */
	public NodeForest timeMachine(long step) {
		return new NodeForest(headsAt(step));
	}

	/**
	 * The newest versions as graph vertices.
	 * @return one vertex per node
	 */
	public List<Vertex> toVertices() {
		return heads().values().stream().map(LinkedNode::toVertex).toList();
	}

}
