package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The complete record of a session's execution at one moment: every request and node with all their versions, and
 * the stamps that order them. An immutable snapshot; {@code Session.info()} takes a new one whenever something was
 * recorded since the last. It holds the newest version of each request and makes node versions, stamps and id texts
 * from them whenever they are read; its forests are views over them.
 *
 * <pre>{@code
 * ExecutionInfo info = session.runSync(planner, "goal");
 * Object answer = info.answer();
 * String json = info.graphSerialization();
 * }</pre>
 */
public final class ExecutionInfo {

	private final RequestTemplate[] heads;

	private final StampManager stamper;

	/**
	 * Views over {@link #heads}, made when first asked for; each keeps only an index of positions by id, so a read
	 * record stays about as small as an unread one (node versions, stamps and id texts are made on every read).
	 */
	private volatile @Nullable RequestForest requestForest;

	private volatile @Nullable NodeForest nodeForest;

	private ExecutionInfo(RequestTemplate[] heads, StampManager stamper) {
		this.heads = heads;
		this.stamper = stamper.snapshot(heads);
	}

	/**
	 * The record made of the newest version of each request, in creation order; the engine's, through
	 * {@link dev.railtracks.info.access.RecordWriter}.
	 * @param heads the newest versions; the info keeps this array, which the caller must not change afterwards
	 * @param stamper the session's stamp manager; the record keeps a frozen copy of it
	 * @return the execution info
	 */
	static ExecutionInfo of(RequestTemplate[] heads, StampManager stamper) {
		return new ExecutionInfo(heads, stamper);
	}

	/**
	 * An empty execution: no requests, no nodes, a fresh stamp manager.
	 * @return a new empty info
	 */
	public static ExecutionInfo createNew() {
		return new ExecutionInfo(new RequestTemplate[0], new StampManager());
	}

	/**
	 * The requests.
	 * @return the request forest
	 */
	public RequestForest requestForest() {
		RequestForest forest = this.requestForest;
		if (forest == null) {
			forest = new RequestForest(HeadsView.requests(this.heads));
			this.requestForest = forest;
		}
		return forest;
	}

	/**
	 * The nodes.
	 * @return the node forest
	 */
	public NodeForest nodeForest() {
		NodeForest forest = this.nodeForest;
		if (forest == null) {
			forest = new NodeForest(HeadsView.nodes(this.heads));
			this.nodeForest = forest;
		}
		return forest;
	}

	/**
	 * The session's stamp manager (shared by filtered infos).
	 * @return the stamper
	 */
	public StampManager stamper() {
		return this.stamper;
	}

	/**
	 * Number of requests recorded (each calls one node).
	 * @return the count
	 */
	public int size() {
		return this.heads.length;
	}

	/**
	 * The result of the run: the output of the top-level request, a list when the session ran several, {@code null}
	 * when it ran none. A failed request's output is its {@link Failure}.
	 * @return the answer
	 */
	public @Nullable Object answer() {
		return RequestForest.answer(insertionRequests());
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
		List<RequestTemplate> insertions = new ArrayList<>(1);
		for (RequestTemplate head : this.heads) {
			if (head.isInsertion()) {
				insertions.add(head);
			}
		}
		return Collections.unmodifiableList(insertions);
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
	 * The nodes of one type that this execution called, in the order they were called. Each request calls one node,
	 * so each call is one entry, failed and unfinished calls included: with {@link NodeType#TOOL} these are the tool
	 * calls (function nodes, tools of agents, {@code @RailtracksNode} methods), with {@link NodeType#AGENT} the agent
	 * invocations.
	 *
	 * <pre>{@code
	 * ExecutionInfo info = session.runSync(planner, "Three days in Kyoto?");
	 * List<String> tools = info.nodes(NodeType.TOOL).stream().map(LinkedNode::name).toList();
	 * }</pre>
	 * @param type the node type
	 * @return the newest version of each such node, unmodifiable
	 * @throws IllegalArgumentException when {@code type} is {@code null}
	 */
	public List<LinkedNode> nodes(NodeType type) {
		requireType(type);
		List<LinkedNode> nodes = new ArrayList<>();
		for (RequestTemplate head : this.heads) {
			if (head.sinkType() == type) {
				nodes.add(head.nodeVersion());
			}
		}
		return Collections.unmodifiableList(nodes);
	}

	/**
	 * How many nodes of one type this execution called: {@code count(NodeType.TOOL)} is the number of tool calls.
	 * The size of {@link #nodes(NodeType)}, counted without making the node versions.
	 * @param type the node type
	 * @return the number of calls of nodes of that type
	 * @throws IllegalArgumentException when {@code type} is {@code null}
	 */
	public int count(NodeType type) {
		requireType(type);
		int count = 0;
		for (RequestTemplate head : this.heads) {
			if (head.sinkType() == type) {
				count++;
			}
		}
		return count;
	}

	private static void requireType(NodeType type) {
		if (type == null) {
			throw new IllegalArgumentException("type must not be null; use NodeType.TOOL, AGENT or OTHER");
		}
	}

	/**
	 * The newest version of every node and request as a graph.
	 * @return vertices and edges
	 */
	public Graph toGraph() {
		List<Vertex> vertices = new ArrayList<>(this.heads.length);
		List<Edge> edges = new ArrayList<>(this.heads.length);
		for (RequestTemplate head : this.heads) {
			vertices.add(head.nodeVersion().toVertex());
			edges.add(head.toEdge());
		}
		return new Graph(vertices, edges);
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
		RequestForest forest = requestForest();
		Map<String, List<RequestTemplate>> bySource = forest.bySource();
		Map<String, RequestTemplate> requests = new LinkedHashMap<>();
		for (String id : requestIds) {
			if (id == null || !forest.contains(id)) {
				throw new IllegalArgumentException("Identifier '" + id + "' not found among the " + forest.size()
						+ " requests of this execution (getInfo takes request ids)");
			}
			for (RequestTemplate request : forest.subtree(id, bySource)) {
				if (requests.putIfAbsent(request.identifier(), request) != null) {
					throw new IllegalArgumentException("Request '" + request.identifier()
							+ "' is reached from more than one of the given ids " + requestIds + "; pass disjoint subtrees");
				}
			}
		}
		return new ExecutionInfo(requests.values().toArray(new RequestTemplate[0]), this.stamper);
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
		List<Stamp> steps = new ArrayList<>(this.heads.length * 2);
		StampManager.addVersionStamps(this.heads, steps);
		steps.sort(null);
		return steps;
	}

	@Override
	public String toString() {
		return "ExecutionInfo[" + this.heads.length + " requests, " + this.heads.length + " nodes, answer=" + answer()
				+ "]";
	}

}
