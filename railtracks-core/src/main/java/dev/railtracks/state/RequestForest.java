package dev.railtracks.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Every request of an execution, newest version per request id, with all earlier versions reachable through
 * {@link RequestTemplate#parent()}. Immutable.
 */
public final class RequestForest {

	private final Map<String, RequestTemplate> heads;

	RequestForest(Map<String, RequestTemplate> heads) {
		this.heads = Collections.unmodifiableMap(heads);
	}

	/**
	 * An empty forest.
	 * @return a forest with no requests
	 */
	public static RequestForest empty() {
		return new RequestForest(new LinkedHashMap<>());
	}

	/**
	 * The newest version of a request.
	 * @param requestId the request id
	 * @return its newest version
	 * @throws NoSuchElementException when the forest has no such request
	 */
	public RequestTemplate get(String requestId) {
		RequestTemplate head = this.heads.get(requestId);
		if (head == null) {
			throw new NoSuchElementException(
					"No request '" + requestId + "' in this forest of " + this.heads.size() + " requests");
		}
		return head;
	}

	/**
	 * Whether the forest holds a request.
	 * @param requestId the request id
	 * @return {@code true} when present
	 */
	public boolean contains(String requestId) {
		return this.heads.containsKey(requestId);
	}

	/**
	 * The newest version of every request, in creation order.
	 * @return request id to newest version
	 */
	public Map<String, RequestTemplate> heads() {
		return this.heads;
	}

	/**
	 * Number of requests.
	 * @return the count
	 */
	public int size() {
		return this.heads.size();
	}

	/**
	 * Every version of every request.
	 * @return all versions, newest version of each request first
	 */
	public List<RequestTemplate> fullData() {
		List<RequestTemplate> all = new ArrayList<>(this.heads.size() * 2);
		this.heads.values().forEach((head) -> all.addAll(head.allVersions()));
		return all;
	}

	/**
	 * The requests a node made, in creation order.
	 * @param nodeId the calling node's id
	 * @return its outgoing requests
	 */
	public List<RequestTemplate> children(String nodeId) {
		return this.heads.values().stream().filter((request) -> nodeId.equals(request.sourceId())).toList();
	}

	/**
	 * The request that called a node.
	 * @param nodeId the called node's id
	 * @return its incoming request
	 * @throws NoSuchElementException when no request called that node
	 */
	public RequestTemplate getRequestFromChildId(String nodeId) {
		return this.heads.values()
			.stream()
			.filter((request) -> request.sinkId().equals(nodeId))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("No request called node '" + nodeId + "'"));
	}

	/**
	 * Top-level requests (made by the user, not by a node), in creation order.
	 * @return the insertion requests
	 */
	public List<RequestTemplate> insertionRequests() {
		return this.heads.values().stream().filter(RequestTemplate::isInsertion).toList();
	}

	/**
	 * The result of the run: {@code null} with no top-level request, the output of the only one, or the list of
	 * outputs when the session ran several.
	 * @return the answer
	 */
	public @Nullable Object answer() {
		List<RequestTemplate> insertions = insertionRequests();
		if (insertions.isEmpty()) {
			return null;
		}
		if (insertions.size() == 1) {
			return insertions.get(0).output();
		}
		List<@Nullable Object> outputs = new ArrayList<>(insertions.size());
		insertions.forEach((request) -> outputs.add(request.output()));
		return Collections.unmodifiableList(outputs);
	}

	/**
	 * Requests that have not finished.
	 * @return the open requests
	 */
	public List<RequestTemplate> openRequests() {
		return this.heads.values().stream().filter((request) -> !request.isClosed()).toList();
	}

	/**
	 * The forest as it was at a step; see {@link NodeForest#timeMachine(long)}.
	 * @param step the step to travel to
	 * @return the forest at that step
	 */
	public RequestForest timeMachine(long step) {
		Map<String, RequestTemplate> then = new LinkedHashMap<>();
		this.heads.forEach((id, head) -> {
			for (RequestTemplate version = head; version != null; version = version.parent()) {
				if (version.stamp().step() <= step) {
					then.put(id, version);
					break;
				}
			}
		});
		return new RequestForest(then);
	}

	/**
	 * The newest versions as graph edges.
	 * @return one edge per request
	 */
	public List<Edge> toEdges() {
		return this.heads.values().stream().map(RequestTemplate::toEdge).toList();
	}

	/**
	 * A request and everything it caused: its own call and, recursively, every request made by a node it called.
	 * @param requestId the root request's id
	 * @return the requests of that subtree, root first
	 */
	List<RequestTemplate> subtree(String requestId, Map<String, List<RequestTemplate>> bySource) {
		List<RequestTemplate> found = new ArrayList<>();
		found.add(get(requestId));
		for (int i = 0; i < found.size(); i++) {
			found.addAll(bySource.getOrDefault(found.get(i).sinkId(), List.of()));
		}
		return found;
	}

	Map<String, List<RequestTemplate>> bySource() {
		Map<String, List<RequestTemplate>> index = new LinkedHashMap<>();
		this.heads.values()
			.stream()
			.filter((request) -> !request.isInsertion())
			.forEach((request) -> index.computeIfAbsent(Objects.requireNonNull(request.sourceId()), (k) -> new ArrayList<>())
				.add(request));
		return index;
	}

}
