package dev.railtracks.info;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static dev.railtracks.TestNodes.CATCHER;
import static dev.railtracks.TestNodes.FAIL;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ExecutionInfo}.
 */
class ExecutionInfoTests {

	static final FunctionNode<Integer> SUM = FunctionNode.of("sum", (List<String> words) -> {
		int total = 0;
		for (String word : words) {
			total += call(LENGTH, word);
		}
		return total;
	});

	static final FunctionNode<List<Integer>> FAN = FunctionNode.of("fan",
			(List<String> words) -> callBatch(LENGTH, words));

	static final FunctionNode<Object> NOTHING = FunctionNode.of("nothing", () -> null);

	private static Session session() {
		return new Session(NO_SAVE);
	}

	@Test
	void createNewIsEmpty() {
		ExecutionInfo info = ExecutionInfo.createNew();
		assertThat(info.requestForest().size()).isZero();
		assertThat(info.nodeForest().size()).isZero();
		assertThat(info.stamper().currentStep()).isZero();
		assertThat(info.allStamps()).isEmpty();
		assertThat(info.steps()).isEmpty();
		assertThat(info.answer()).isNull();
		assertThat(info.insertionRequests()).isEmpty();
		assertThat(info.name()).isNull();
		assertThat(info.toGraph().vertices()).isEmpty();
		assertThat(info.toGraph().edges()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo("Not an id"))
			.withMessageContaining("'Not an id'");
	}

	@Test
	void eachFinishedNodeHasTwoVersionsStampedLikeItsRequest() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb", "ccc"));
			assertThat(info.nodeForest().size()).isEqualTo(4);
			assertThat(info.requestForest().size()).isEqualTo(4);
			for (RequestTemplate request : info.requestForest().heads().values()) {
				LinkedNode node = info.nodeForest().get(request.sinkId());
				assertThat(node.allVersions()).hasSize(2);
				assertThat(request.allVersions()).hasSize(2);
				LinkedNode first = node.parent();
				assertThat(first).isNotNull();
				assertThat(first.parent()).isNull();
				assertThat(first.identifier()).isEqualTo(node.identifier());
				assertThat(first.stamp().step()).isLessThan(node.stamp().step());
				assertThat(node.stamp()).isEqualTo(request.stamp());
				assertThat(first.stamp()).isEqualTo(request.parent().stamp());
				assertThat(request.terminalParent()).isSameAs(request.parent());
				assertThat(request.parent().status()).isEqualTo(RequestStatus.OPEN);
				assertThat(request.parent().output()).isNull();
				assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
				assertThat(first.stamp().identifier()).endsWith(" CREATED " + node.name());
				assertThat(node.stamp().identifier()).isEqualTo("Finished executing " + node.name());
				assertThat(node.latencyNanos()).isNotNegative();
				assertThat(first.latencyNanos()).isEqualTo(-1);
				assertThat(request.durationDetail())
					.isEqualTo(request.stamp().time() - request.parent().stamp().time());
			}
		}
	}

	@Test
	void stepsAreExactlyZeroToTwiceTheFinishedRequestsEachUsedOnce() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb", "ccc", "dddd", "eeeee"));
			assertThatStepsAreDense(info, 6);
		}
	}

	@Test
	void stepsOfAParallelFanOutAreExactlyZeroToTwiceTheFinishedRequestsEachUsedOnce() {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			words.add("x".repeat(i % 7));
		}
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(FAN, words);
			assertThat(info.answer()).isEqualTo(words.stream().map(String::length).toList());
			assertThatStepsAreDense(info, 201);
		}
	}

	private static void assertThatStepsAreDense(ExecutionInfo info, int finishedRequests) {
		List<Long> steps = info.steps().stream().map(Stamp::step).toList();
		assertThat(steps).containsExactlyElementsOf(
				LongStream.range(0, 2L * finishedRequests).boxed().toList());
		List<Long> allSteps = info.allStamps().stream().map(Stamp::step).toList();
		assertThat(allSteps).doesNotHaveDuplicates().hasSize(2 * finishedRequests);
		assertThat(info.stamper().currentStep()).isEqualTo(2L * finishedRequests);
	}

	@Test
	void answerIsTheOutputOfTheOnlyTopLevelRun() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(LENGTH, "four");
			assertThat(info.answer()).isEqualTo(4);
			assertThat(info.insertionRequests()).hasSize(1);
			assertThat(info.name()).isEqualTo("length");
		}
	}

	@Test
	void answerListsTheOutputsOfSeveralTopLevelRunsInOrder() {
		try (Session session = session()) {
			session.runSync(LENGTH, "one");
			session.runSync(LENGTH, "three");
			ExecutionInfo info = session.runSync(SUM, List.of("ab", "c"));
			assertThat(info.answer()).isEqualTo(List.of(3, 5, 3));
			assertThat(info.insertionRequests()).extracting(RequestTemplate::sinkName)
				.containsExactly("length", "length", "sum");
			assertThat(info.insertionRequests()).allSatisfy((request) -> {
				assertThat(request.isInsertion()).isTrue();
				assertThat(request.sourceId()).isNull();
			});
			assertThat(info.name()).isNull();
		}
	}

	@Test
	void aNodeReturningNullIsCompletedNotOpen() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(NOTHING);
			assertThat(info.answer()).isNull();
			RequestTemplate request = info.insertionRequests().get(0);
			assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
			assertThat(request.isClosed()).isTrue();
			assertThat(info.requestForest().openRequests()).isEmpty();
		}
	}

	@Test
	void aFailedChildIsRecordedWithTheExceptionItsCallerCaught() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(CATCHER, "boom");
			assertThat(info.answer()).isEqualTo("caught boom");
			RequestTemplate top = info.insertionRequests().get(0);
			List<RequestTemplate> children = info.requestForest().children(top.sinkId());
			assertThat(children).hasSize(1);
			RequestTemplate failed = children.get(0);
			assertThat(failed.status()).isEqualTo(RequestStatus.FAILED);
			assertThat(failed.output()).isInstanceOfSatisfying(Failure.class,
					(failure) -> assertThat(failure.exception()).isInstanceOf(IllegalStateException.class)
						.hasMessage("boom"));
			assertThat(top.status()).isEqualTo(RequestStatus.COMPLETED);
		}
	}

	@Test
	void childrenAndGetRequestFromChildIdFollowTheCalls() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb", "ccc"));
			RequestTemplate top = info.insertionRequests().get(0);
			List<RequestTemplate> children = info.requestForest().children(top.sinkId());
			assertThat(children).hasSize(3).allSatisfy((child) -> {
				assertThat(child.sourceId()).isEqualTo(top.sinkId());
				assertThat(child.sinkName()).isEqualTo("length");
				assertThat(child.isInsertion()).isFalse();
				assertThat(info.requestForest().getRequestFromChildId(child.sinkId())).isSameAs(child);
				assertThat(info.requestForest().children(child.sinkId())).isEmpty();
			});
			assertThat(children).extracting((child) -> child.inputArgs().get(0)).containsExactly("a", "bb", "ccc");
			assertThat(children).extracting(RequestTemplate::output).containsExactly(1, 2, 3);
			assertThat(info.requestForest().getRequestFromChildId(top.sinkId())).isSameAs(top);
			assertThatThrownBy(() -> info.requestForest().getRequestFromChildId("no-such-node"))
				.isInstanceOf(java.util.NoSuchElementException.class)
				.hasMessageContaining("no-such-node");
		}
	}

	@Test
	void getInfoReturnsTheSubtreeOfARequestAndSharesTheStamper() {
		try (Session session = session()) {
			session.runSync(SUM, List.of("a", "bb"));
			ExecutionInfo info = session.runSync(FAN, List.of("x", "yy", "zzz"));
			RequestTemplate first = info.insertionRequests().get(0);
			RequestTemplate second = info.insertionRequests().get(1);
			ExecutionInfo sub = info.getInfo(first.identifier());
			assertThat(sub.stamper()).isSameAs(info.stamper());
			assertThat(sub.requestForest().size()).isEqualTo(3);
			assertThat(sub.nodeForest().size()).isEqualTo(3);
			assertThat(sub.answer()).isEqualTo(3);
			assertThat(sub.name()).isEqualTo("sum");
			assertThat(sub.requestForest().heads().values()).extracting(RequestTemplate::sourceId)
				.containsExactlyInAnyOrder(null, first.sinkId(), first.sinkId());
			for (RequestTemplate request : sub.requestForest().heads().values()) {
				assertThat(sub.nodeForest().contains(request.sinkId())).isTrue();
				if (request.sourceId() != null) {
					assertThat(sub.nodeForest().contains(request.sourceId())).isTrue();
				}
			}
			assertThat(sub.steps()).hasSize(6);
			assertThat(sub.allStamps()).hasSize(14);
			ExecutionInfo both = info.getInfo(List.of(first.identifier(), second.identifier()));
			assertThat(both.requestForest().heads()).isEqualTo(info.requestForest().heads());
			assertThat(both.nodeForest().heads()).isEqualTo(info.nodeForest().heads());
			RequestTemplate yy = info.requestForest().children(second.sinkId()).get(1);
			ExecutionInfo leaf = info.getInfo(yy.identifier());
			assertThat(leaf.requestForest().heads()).containsOnlyKeys(yy.identifier());
			assertThat(leaf.requestForest().get(yy.identifier()).output()).isEqualTo(2);
			assertThat(leaf.nodeForest().heads()).containsOnlyKeys(yy.sinkId());
			// only requests made by the user count as insertions, so a sub-tree rooted at a child has no answer
			assertThat(leaf.insertionRequests()).isEmpty();
			assertThat(leaf.answer()).isNull();
		}
	}

	@Test
	void getInfoRejectsAnUnknownIdNamingIt() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a"));
			String nodeId = info.insertionRequests().get(0).sinkId();
			assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo("missing-request"))
				.withMessageContaining("'missing-request'");
			assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo(nodeId))
				.withMessageContaining(nodeId);
		}
	}

	@Test
	void getInfoRejectsANullIdNamingIt() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(LENGTH, "a");
			assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo((String) null))
				.withMessageContaining("'null'");
			assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo(java.util.Arrays.asList("x", null)))
				.withMessageContaining("'x'");
			assertThatIllegalArgumentException().isThrownBy(() -> info.getInfo((java.util.Collection<String>) null))
				.withMessageContaining("requestIds");
		}
	}

	@Test
	void getInfoOfNoIdsIsEmptyAndSharesTheStamper() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(LENGTH, "a");
			ExecutionInfo none = info.getInfo(List.of());
			assertThat(none.requestForest().size()).isZero();
			assertThat(none.nodeForest().size()).isZero();
			assertThat(none.answer()).isNull();
			assertThat(none.steps()).isEmpty();
			assertThat(none.stamper()).isSameAs(info.stamper());
			assertThat(none.allStamps()).hasSize(2);
		}
	}

	@Test
	void getInfoRejectsOverlappingRoots() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb"));
			RequestTemplate top = info.insertionRequests().get(0);
			RequestTemplate child = info.requestForest().children(top.sinkId()).get(0);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> info.getInfo(List.of(top.identifier(), child.identifier())))
				.withMessageContaining(child.identifier());
			assertThatIllegalArgumentException()
				.isThrownBy(() -> info.getInfo(List.of(top.identifier(), top.identifier())));
		}
	}

	@Test
	void nodesOfATypeAreTheCallsOfNodesOfThatTypeFailedOnesIncluded() {
		// one tool call in the first round, two in the second (one failing), then the answer
		Agent<String> agent = Agent.builder("counter")
			.model(ScriptedModel.of(ModelResponse.toolCalls(new ToolCall("1", "length", "{\"arg0\":\"Kyoto\"}")),
					ModelResponse.toolCalls(new ToolCall("2", "fail", "{\"arg0\":\"no\"}"),
							new ToolCall("3", "length", "{\"arg0\":\"Oslo\"}")),
					ModelResponse.text("done")))
			.tool(LENGTH, "Counts letters")
			.tool(FAIL, "Fails")
			.build();
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(agent, "count");
			assertThat(info.count(NodeType.TOOL)).isEqualTo(3);
			List<LinkedNode> tools = info.nodes(NodeType.TOOL);
			assertThat(tools).extracting(LinkedNode::name).containsExactlyInAnyOrder("length", "fail", "length");
			assertThat(tools.get(0).name()).isEqualTo("length");
			assertThat(tools).allSatisfy((tool) -> {
				assertThat(tool.nodeType()).isEqualTo(NodeType.TOOL);
				// the newest version: the finished one, with its first version as parent
				assertThat(tool).isEqualTo(info.nodeForest().get(tool.identifier()));
				assertThat(tool.parent()).isNotNull();
			});
			assertThat(info.count(NodeType.AGENT)).isEqualTo(1);
			assertThat(info.nodes(NodeType.AGENT)).extracting(LinkedNode::name).containsExactly("counter");
			assertThat(info.count(NodeType.OTHER)).isZero();
			assertThat(info.nodes(NodeType.OTHER)).isEmpty();
		}
	}

	@Test
	void countsFollowTheRecordTheyAreAskedOf() {
		try (Session session = session()) {
			ExecutionInfo first = session.runSync(SUM, List.of("a", "bb"));
			ExecutionInfo second = session.runSync(LENGTH, "ccc");
			assertThat(first.count(NodeType.TOOL)).isEqualTo(3);
			assertThat(second.count(NodeType.TOOL)).isEqualTo(4);
			ExecutionInfo lastRun = second.getInfo(second.insertionRequests().get(1).identifier());
			assertThat(lastRun.count(NodeType.TOOL)).isEqualTo(1);
			assertThat(lastRun.nodes(NodeType.TOOL)).extracting(LinkedNode::name).containsExactly("length");
		}
		assertThat(ExecutionInfo.createNew().count(NodeType.TOOL)).isZero();
	}

	@Test
	void nodesAndCountRejectANullType() {
		ExecutionInfo info = ExecutionInfo.createNew();
		assertThatIllegalArgumentException().isThrownBy(() -> info.count(null)).withMessageContaining("type");
		assertThatIllegalArgumentException().isThrownBy(() -> info.nodes(null)).withMessageContaining("type");
		assertThatThrownBy(() -> info.nodes(NodeType.TOOL).add(null)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void toGraphHasTheNewestVersionOfEachNodeAndRequest() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb"));
			Graph graph = info.toGraph();
			assertThat(graph.vertices()).hasSize(3);
			assertThat(graph.edges()).hasSize(3);
			Set<String> nodeIds = info.nodeForest().heads().keySet();
			assertThat(graph.vertices()).extracting(Vertex::identifier).containsExactlyElementsOf(nodeIds);
			assertThat(graph.vertices()).allSatisfy((vertex) -> {
				assertThat(vertex.nodeType()).isEqualTo("Tool");
				assertThat(vertex.internals()).containsKey("latency");
				assertThat(vertex.parent()).isNotNull();
				assertThat(vertex.parent().identifier()).isEqualTo(vertex.identifier());
				assertThat(vertex.parent().internals()).doesNotContainKey("latency");
				assertThat(vertex.parent().parent()).isNull();
			});
			assertThat(graph.edges()).allSatisfy((edge) -> {
				assertThat(nodeIds).contains(edge.target());
				assertThat(edge.status()).isEqualTo(RequestStatus.COMPLETED);
				assertThat(edge.parent()).isNotNull();
				assertThat(edge.parent().status()).isEqualTo(RequestStatus.OPEN);
				assertThat(edge.parent().output()).isNull();
				assertThat(edge.parent().parent()).isNull();
			});
			assertThat(graph.edges()).extracting(Edge::source)
				.containsExactly(null, graph.vertices().get(0).identifier(), graph.vertices().get(0).identifier());
			assertThat(graph.edges().get(0).output()).isEqualTo(3);
			assertThat(graph.edges().get(0).inputArgs()).containsExactly(List.of("a", "bb"));
		}
	}

	@Test
	void timeMachineRewindsEachForestToAStepAndLeavesTheOriginalAlone() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb"));
			// steps: 0 START CREATED sum, 1 sum CREATED length, 2 finished, 3 sum CREATED length, 4 finished,
			// 5 finished sum
			RequestForest requests = info.requestForest();
			NodeForest nodes = info.nodeForest();
			RequestForest atZero = requests.timeMachine(0);
			assertThat(atZero.size()).isEqualTo(1);
			assertThat(atZero.insertionRequests().get(0).status()).isEqualTo(RequestStatus.OPEN);
			assertThat(nodes.timeMachine(0).size()).isEqualTo(1);
			assertThat(nodes.timeMachine(0).heads().values().iterator().next().latencyNanos()).isEqualTo(-1);
			RequestForest atThree = requests.timeMachine(3);
			assertThat(atThree.size()).isEqualTo(3);
			assertThat(atThree.heads().values()).extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.OPEN, RequestStatus.COMPLETED, RequestStatus.OPEN);
			assertThat(atThree.answer()).isNull();
			assertThat(nodes.timeMachine(3).size()).isEqualTo(3);
			assertThat(requests.timeMachine(5).heads()).isEqualTo(requests.heads());
			assertThat(nodes.timeMachine(99).heads()).isEqualTo(nodes.heads());
			assertThat(requests.timeMachine(-1).size()).isZero();
			assertThat(requests.size()).isEqualTo(3);
			assertThat(requests.answer()).isEqualTo(3);
		}
	}

	@Test
	void infoIsASnapshotThatLaterRunsDoNotChange() {
		try (Session session = session()) {
			ExecutionInfo before = session.runSync(LENGTH, "abc");
			Map<String, RequestTemplate> requestsBefore = Map.copyOf(before.requestForest().heads());
			List<Stamp> stepsBefore = before.steps();
			String graphBefore = before.graphSerialization();
			session.runSync(SUM, List.of("a", "bb"));
			ExecutionInfo after = session.info();
			assertThat(after.requestForest().size()).isEqualTo(4);
			assertThat(before.requestForest().size()).isEqualTo(1);
			assertThat(before.nodeForest().size()).isEqualTo(1);
			assertThat(before.requestForest().heads()).isEqualTo(requestsBefore);
			assertThat(before.answer()).isEqualTo(3);
			assertThat(before.name()).isEqualTo("length");
			assertThat(before.steps()).isEqualTo(stepsBefore);
			assertThat(before.graphSerialization()).isEqualTo(graphBefore);
		}
	}

	@Test
	void forestsAreReadOnly() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(LENGTH, "abc");
			assertThatThrownBy(() -> info.requestForest().heads().clear())
				.isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> info.nodeForest().heads().clear())
				.isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> info.insertionRequests().get(0).inputArgs().set(0, "x"))
				.isInstanceOf(UnsupportedOperationException.class);
		}
	}

	@Test
	void fullDataHoldsEveryVersionOfEveryNodeAndRequest() {
		try (Session session = session()) {
			ExecutionInfo info = session.runSync(SUM, List.of("a", "bb"));
			assertThat(info.requestForest().fullData()).hasSize(6);
			assertThat(info.nodeForest().fullData()).hasSize(6);
			Set<Stamp> stamps = info.nodeForest()
				.fullData()
				.stream()
				.map(LinkedNode::stamp)
				.collect(Collectors.toSet());
			assertThat(new HashSet<>(info.steps())).isEqualTo(stamps);
		}
	}

}
