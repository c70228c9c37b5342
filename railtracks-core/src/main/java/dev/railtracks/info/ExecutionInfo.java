package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The complete record of a session's execution at one moment: every request and node with all their versions, and
 * the stamps that order them. An immutable snapshot; {@code Session.info()} takes a new one.
 *
 * <pre>{@code
 * ExecutionInfo info = session.runSync(planner, "goal");
 * Object answer = info.answer();
 * String json = info.graphSerialization();
 * }</pre>
 */
public final class ExecutionInfo {

	private final RequestForest requestForest;

	private final NodeForest nodeForest;

	private final StampManager stamper;

	/**
	 * Creates an execution info from its parts.
	 * @param requestForest the requests
	 * @param nodeForest the nodes
	 * @param stamper the session's stamp manager; the record keeps a frozen {@link StampManager#snapshot()} of it
	 */
	public ExecutionInfo(RequestForest requestForest, NodeForest nodeForest, StampManager stamper) {
		this.requestForest = requestForest;
		this.nodeForest = nodeForest;
		this.stamper = stamper.snapshot();
	}

	/**
	 * An empty execution: no requests, no nodes, a fresh stamp manager.
	 * @return a new empty info
	 */
	public static ExecutionInfo createNew() {
		return new ExecutionInfo(RequestForest.empty(), NodeForest.empty(), new StampManager());
	}

	/**
	 * The requests.
	 * @return the request forest
	 */
	public RequestForest requestForest() {
		return this.requestForest;
	}

	/**
	 * The nodes.
	 * @return the node forest
	 */
	public NodeForest nodeForest() {
		return this.nodeForest;
	}

	/**
	 * The session's stamp manager (shared by filtered infos).
	 * @return the stamper
	 */
	public StampManager stamper() {
		return this.stamper;
	}

	/**
	 * The result of the run: the output of the top-level request, a list when the session ran several, {@code null}
	 * when it ran none. A failed request's output is its {@link Failure}.
	 * @return the answer
	 */
	public @Nullable Object answer() {
		return this.requestForest.answer();
	}

	/**
	 * Every stamp of the session, sorted.
	 * @return the stamps
	 */
	public List<Stamp> allStamps() {
		return this.stamper.allStamps();
	}

	/**
	 * Top-level requests, in creation order.
	 * @return the insertion requests
	 */
	public List<RequestTemplate> insertionRequests() {
		return this.requestForest.insertionRequests();
	}

	/**
	 * The name of the run: the top-level node's name when there is exactly one top-level request.
	 * @return the name, or {@code null} with zero or several top-level requests
	 */
	public @Nullable String name() {
		List<RequestTemplate> insertions = insertionRequests();
		return (insertions.size() == 1) ? insertions.get(0).sinkName() : null;
	}

	/**
	 * The newest version of every node and request as a graph.
	 * @return vertices and edges
	 */
	public Graph toGraph() {
		return new Graph(this.nodeForest.toVertices(), this.requestForest.toEdges());
	}

	/**
	 * This execution as JSON: {@code {"nodes": [...], "edges": [...], "steps": [...]}}, with every version of each
	 * node and edge nested under {@code parent}, in the format of the saved state's runs.
	 * @return the JSON text
	 */
	public String graphSerialization() {
		return StateJson.graph(this);
	}

	/**
	 * The part of this execution under the given requests: each request and, recursively, every request made by a
	 * node it called, with their nodes. Shares this info's stamp manager.
	 * @param requestIds identifiers of requests in this execution
	 * @return the filtered info
	 * @throws IllegalArgumentException when an id is not a request of this execution, or two subtrees overlap
	 */
	public ExecutionInfo getInfo(Collection<String> requestIds) {
		if (requestIds == null) {
			throw new IllegalArgumentException("requestIds must not be null");
		}
		Map<String, List<RequestTemplate>> bySource = this.requestForest.bySource();
		Map<String, RequestTemplate> requests = new LinkedHashMap<>();
		Map<String, LinkedNode> nodes = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (String id : requestIds) {
			if (id == null || !this.requestForest.contains(id)) {
				throw new IllegalArgumentException("Identifier '" + id + "' not found among the "
						+ this.requestForest.size() + " requests of this execution (getInfo takes request ids)");
			}
			for (RequestTemplate request : this.requestForest.subtree(id, bySource)) {
				if (!seen.add(request.identifier())) {
					throw new IllegalArgumentException("Request '" + request.identifier()
							+ "' is reached from more than one of the given ids " + requestIds + "; pass disjoint subtrees");
				}
				requests.put(request.identifier(), request);
				if (this.nodeForest.contains(request.sinkId())) {
					nodes.put(request.sinkId(), this.nodeForest.get(request.sinkId()));
				}
			}
		}
		return new ExecutionInfo(RequestForest.of(requests.values()), NodeForest.of(nodes.values()), this.stamper);
	}

	/**
	 * {@link #getInfo(Collection)} for the given ids.
	 * @param requestIds identifiers of requests in this execution
	 * @return the filtered info
	 */
	public ExecutionInfo getInfo(String... requestIds) {
		if (requestIds == null) {
			throw new IllegalArgumentException("requestIds must not be null");
		}
		return getInfo(java.util.Arrays.asList(requestIds));
	}

	/**
	 * The stamps recorded on the versions of this info's requests and nodes, sorted and without duplicates; for the
	 * whole session see {@link #allStamps()}.
	 * @return the steps of this execution
	 */
	public List<Stamp> steps() {
		// Versions share stamp objects (a node and its request are stamped together), so identity removes duplicates.
		Set<Stamp> steps = Collections.newSetFromMap(new IdentityHashMap<>());
		for (RequestTemplate request : this.requestForest.fullData()) {
			steps.add(request.stamp());
		}
		for (LinkedNode node : this.nodeForest.fullData()) {
			steps.add(node.stamp());
		}
		List<Stamp> sorted = new ArrayList<>(steps);
		sorted.sort(null);
		return sorted;
	}

	@Override
	public String toString() {
		return "ExecutionInfo[" + this.requestForest.size() + " requests, " + this.nodeForest.size() + " nodes, answer="
				+ answer() + "]";
	}

}
