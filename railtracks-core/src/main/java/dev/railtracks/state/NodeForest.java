package dev.railtracks.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every node of an execution, newest version per node id, with all earlier versions reachable through
 * {@link LinkedNode#parent()}. Immutable.
 */
public final class NodeForest {

	private final Map<String, LinkedNode> heads;

	NodeForest(Map<String, LinkedNode> heads) {
		this.heads = Collections.unmodifiableMap(heads);
	}

	/**
	 * An empty forest.
	 * @return a forest with no nodes
	 */
	public static NodeForest empty() {
		return new NodeForest(new LinkedHashMap<>());
	}

	/**
	 * The newest version of a node.
	 * @param nodeId the node id
	 * @return its newest version
	 * @throws NoSuchElementException when the forest has no such node
	 */
	public LinkedNode get(String nodeId) {
		LinkedNode head = this.heads.get(nodeId);
		if (head == null) {
			throw new NoSuchElementException("No node '" + nodeId + "' in this forest of " + this.heads.size() + " nodes");
		}
		return head;
	}

	/**
	 * Whether the forest holds a node.
	 * @param nodeId the node id
	 * @return {@code true} when present
	 */
	public boolean contains(String nodeId) {
		return this.heads.containsKey(nodeId);
	}

	/**
	 * The newest version of every node, in creation order.
	 * @return node id to newest version
	 */
	public Map<String, LinkedNode> heads() {
		return this.heads;
	}

	/**
	 * Number of nodes.
	 * @return the count
	 */
	public int size() {
		return this.heads.size();
	}

	/**
	 * Every version of every node.
	 * @return all versions, newest version of each node first
	 */
	public List<LinkedNode> fullData() {
		List<LinkedNode> all = new ArrayList<>(this.heads.size() * 2);
		this.heads.values().forEach((head) -> all.addAll(head.allVersions()));
		return all;
	}

	/**
	 * The forest as it was at a step: each node at its newest version with step at most {@code step}; nodes created
	 * later are absent. This forest is unchanged.
	 * @param step the step to travel to
	 * @return the forest at that step
	 */
	public NodeForest timeMachine(long step) {
		Map<String, LinkedNode> then = new LinkedHashMap<>();
		this.heads.forEach((id, head) -> {
			for (LinkedNode version = head; version != null; version = version.parent()) {
				if (version.stamp().step() <= step) {
					then.put(id, version);
					break;
				}
			}
		});
		return new NodeForest(then);
	}

	/**
	 * The newest versions as graph vertices.
	 * @return one vertex per node
	 */
	public List<Vertex> toVertices() {
		return this.heads.values().stream().map(LinkedNode::toVertex).toList();
	}

}
