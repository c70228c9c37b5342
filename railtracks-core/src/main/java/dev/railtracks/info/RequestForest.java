package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Every request of an execution: the newest version per request id, earlier versions through
 * {@link RequestTemplate#parent()}. Immutable.
 */
public final class RequestForest extends Forest<RequestTemplate> {

	RequestForest(Map<String, RequestTemplate> heads) {
		super(heads, "request");
	}

	/**
	 * A forest of the given latest versions, in their order.
	 * @param heads the latest version of each request
	 * @return the forest
	 */
	public static RequestForest of(Iterable<RequestTemplate> heads) {
		return new RequestForest(byIdentifier(heads));
	}

	/**
	 * An empty forest.
	 * @return a forest with no requests
	 */
	public static RequestForest empty() {
		return new RequestForest(new LinkedHashMap<>());
	}

	/**
	 * The requests a node made, in creation order.
	 * @param nodeId the calling node's id
	 * @return its outgoing requests
	 */
	public List<RequestTemplate> children(String nodeId) {
		return heads().values().stream().filter((request) -> nodeId.equals(request.sourceId())).toList();
	}

	/**
	 * The request that called a node.
	 * @param nodeId the called node's id
	 * @return its incoming request
	 * @throws NoSuchElementException when no request called that node
	 */
	public RequestTemplate getRequestFromChildId(String nodeId) {
		return heads().values()
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
		return heads().values().stream().filter(RequestTemplate::isInsertion).toList();
	}

	/**
	 * The result of the run: {@code null} with no top-level request, the output of the only one, or the list of
	 * outputs when the session ran several.
	 * @return the answer
	 */
	public @Nullable Object answer() {
		return answer(insertionRequests());
	}

	static @Nullable Object answer(List<RequestTemplate> insertions) {
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
		return heads().values().stream().filter((request) -> !request.isClosed()).toList();
	}

	/**
	 * The forest as it was at a step; see {@link NodeForest#timeMachine(long)}.
	 * @param step the step to travel to
	 * @return the forest at that step
	 */
	public RequestForest timeMachine(long step) {
		return new RequestForest(headsAt(step));
	}

	/**
	 * The newest versions as graph edges.
	 * @return one edge per request
	 */
	public List<Edge> toEdges() {
		return heads().values().stream().map(RequestTemplate::toEdge).toList();
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
		heads().values()
			.stream()
			.filter((request) -> !request.isInsertion())
			.forEach((request) -> index.computeIfAbsent(Objects.requireNonNull(request.sourceId()), (k) -> new ArrayList<>())
				.add(request));
		return index;
	}

}
