package dev.railtracks.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.observation.NodeObservationContext;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.SessionObservationContext;
import dev.railtracks.observation.SessionObservationConvention;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.TestConfigs.noSave;
import static dev.railtracks.TestNodes.FAIL;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RailtracksObservations}.
 */
class RailtracksObservationsTests {

	static final Map<String, Set<String>> THREADS = new ConcurrentHashMap<>();

	static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> {
		THREADS.computeIfAbsent("length", (k) -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
		return s.length();
	});

	static final FunctionNode<String> SLOW_UPPER = FunctionNode.of("slow_upper", (String s) -> {
		THREADS.computeIfAbsent("slow_upper", (k) -> ConcurrentHashMap.newKeySet())
			.add(Thread.currentThread().getName());
		Thread.sleep(20);
		return s.toUpperCase();
	});

	static final FunctionNode<Integer> SLOW_LENGTH = FunctionNode.of("slow_length", (String s) -> {
		THREADS.computeIfAbsent("slow_length", (k) -> ConcurrentHashMap.newKeySet())
			.add(Thread.currentThread().getName());
		Thread.sleep(50);
		return s.length();
	});

	static final FunctionNode<String> PARENT = FunctionNode.of("parent", (String goal) -> {
		THREADS.computeIfAbsent("parent", (k) -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
		CompletableFuture<String> upper = callAsync(SLOW_UPPER, goal);
		List<Integer> lengths = callBatch(SLOW_LENGTH, List.of("a", "bb", "ccc", "dddd"));
		int direct = call(LENGTH, goal);
		try {
			call(FAIL, "boom");
		}
		catch (IllegalStateException ex) {
			// recovered
		}
		return upper.join() + lengths + direct;
	});

	private static ExecutorConfig.Builder config(ObservationRegistry registry) {
		return noSave().observationRegistry(registry);
	}

	private static List<Observation.Context> contexts(TestObservationRegistry registry) {
		List<Observation.Context> all = new ArrayList<>();
		assertThat(registry).hasHandledContextsThatSatisfy(all::addAll);
		return all;
	}

	private static NodeObservationContext node(List<Observation.Context> contexts, String name) {
		return nodes(contexts, name).get(0);
	}

	private static List<NodeObservationContext> nodes(List<Observation.Context> contexts, String name) {
		return contexts.stream()
			.filter(NodeObservationContext.class::isInstance)
			.map(NodeObservationContext.class::cast)
			.filter((context) -> context.getNodeName().equals(name))
			.toList();
	}

	private static Observation.ContextView parentOf(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		assertThat(parent).as("parent of %s", context.getName()).isNotNull();
		return parent.getContextView();
	}

	@Test
	void sessionsAndNodesAreObservedWithTheirKeys() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		String sessionId;
		ExecutionInfo info;
		try (Session session = new Session(config(registry).sessionName("observed").build())) {
			sessionId = session.identifier();
			info = session.runSync(LENGTH, "four");
		}
		RequestTemplate request = info.insertionRequests().get(0);
		assertThat(registry).doesNotHaveAnyRemainingCurrentObservation()
			.hasNumberOfObservationsEqualTo(2)
			.hasNumberOfObservationsWithNameEqualTo("railtracks.session", 1)
			.hasNumberOfObservationsWithNameEqualTo("railtracks.node", 1);
		assertThat(registry).hasObservationWithNameEqualTo("railtracks.session")
			.that()
			.hasContextualNameEqualTo("session observed")
			.hasHighCardinalityKeyValue("railtracks.session.id", sessionId)
			.hasHighCardinalityKeyValue("railtracks.session.name", "observed")
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError();
		assertThat(registry).hasObservationWithNameEqualTo("railtracks.node")
			.that()
			.hasContextualNameEqualTo("length")
			.hasLowCardinalityKeyValue("railtracks.node.name", "length")
			.hasLowCardinalityKeyValue("railtracks.node.type", "Tool")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("railtracks.session.id", sessionId)
			.hasHighCardinalityKeyValue("railtracks.request.id", request.identifier())
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError();
	}

	@Test
	void aTopLevelNodesParentIsTheSessionObservation() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (Session session = new Session(config(registry).build())) {
			session.runSync(LENGTH, "a");
			session.runSync(LENGTH, "bb");
		}
		List<Observation.Context> contexts = contexts(registry);
		Observation.Context sessionContext = contexts.stream()
			.filter(SessionObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(sessionContext.getParentObservation()).isNull();
		assertThat(nodes(contexts, "length")).hasSize(2)
			.allSatisfy((node) -> assertThat(parentOf(node)).isSameAs(sessionContext));
		assertThat(registry).hasObservationWithNameEqualTo("railtracks.session")
			.that()
			.hasContextualNameEqualTo("session")
			.hasHighCardinalityKeyValue("railtracks.session.name", "none")
			.hasLowCardinalityKeyValue("railtracks.flow", "none");
	}

	@Test
	void aSessionAFlowStartedIsTaggedWithTheFlowsName() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Flow<Integer> flow = Flow.builder("measure", LENGTH).config(config(registry).build()).build();
		assertThat(flow.invoke("abc")).isEqualTo(3);
		assertThat(registry).hasObservationWithNameEqualTo("railtracks.session")
			.that()
			.hasLowCardinalityKeyValue("railtracks.flow", "measure")
			.hasBeenStopped();
	}

	@Test
	void childObservationsNestUnderTheirCallersEvenOnOtherThreads() {
		THREADS.clear();
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (Session session = new Session(config(registry).build())) {
			assertThat(session.runSync(PARENT, "go").answer()).isEqualTo("GO[1, 2, 3, 4]2");
		}
		assertThat(registry).doesNotHaveAnyRemainingCurrentObservation()
			.hasNumberOfObservationsWithNameEqualTo("railtracks.node", 8);
		List<Observation.Context> contexts = contexts(registry);
		NodeObservationContext parent = node(contexts, "parent");
		assertThat(parentOf(parent)).isInstanceOf(SessionObservationContext.class);
		for (String child : List.of("slow_upper", "slow_length", "length", "fail")) {
			assertThat(nodes(contexts, child)).as(child)
				.isNotEmpty()
				.allSatisfy((context) -> assertThat(parentOf(context)).isSameAs(parent));
		}
		assertThat(nodes(contexts, "slow_length")).hasSize(4);
		String parentThread = THREADS.get("parent").iterator().next();
		assertThat(THREADS.get("slow_upper")).doesNotContain(parentThread);
		assertThat(THREADS.get("slow_length")).hasSizeGreaterThan(1);
	}

	@Test
	void aFailedNodeIsObservedAsAFailureWithItsError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (Session session = new Session(config(registry).build())) {
			session.runSync(PARENT, "go");
			assertThatIllegalStateException().isThrownBy(() -> session.runSync(FAIL, "top"));
		}
		List<Observation.Context> contexts = contexts(registry);
		assertThat(nodes(contexts, "fail")).hasSize(2).allSatisfy((context) -> {
			assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
			assertThat(context.getError()).isInstanceOf(IllegalStateException.class);
		});
		assertThat(node(contexts, "parent").getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
		assertThat(node(contexts, "parent").getError()).isNull();
		assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
	}

	@Test
	void aNodeCancelledByTheTimeoutIsObservedAsCancelled() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		FunctionNode<Integer> sleeper = FunctionNode.of("sleeper", (Integer millis) -> {
			Thread.sleep(millis);
			return millis;
		});
		FunctionNode<Integer> waiting = FunctionNode.of("waiting", (Integer millis) -> call(sleeper, millis));
		ExecutorConfig config = config(registry).timeout(Duration.ofMillis(100)).build();
		try (Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(waiting, 10_000));
		}
		// A cancelled run reports its end only after its interrupted nodes stopped, observations included.
		assertThat(registry).forAllObservationsWithNameEqualTo("railtracks.node",
				(observation) -> observation.hasLowCardinalityKeyValue("outcome", "cancelled"));
		assertThat(registry).hasNumberOfObservationsWithNameEqualTo("railtracks.node", 2);
	}

	@Test
	void theCallersObservationIsCurrentInsideANode() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<String> seen = new ArrayList<>();
		FunctionNode<Integer> looking = FunctionNode.of("looking", (String s) -> {
			Observation current = registry.getCurrentObservation();
			seen.add((current != null && current.getContext() instanceof NodeObservationContext node)
					? node.getNodeName() : String.valueOf(current));
			return s.length();
		});
		try (Session session = new Session(config(registry).build())) {
			session.runSync(looking, "x");
		}
		assertThat(seen).containsExactly("looking");
		assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
	}

	@Test
	void aCustomNodeConventionReplacesTheNameAndKeys() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		NodeObservationConvention custom = new NodeObservationConvention() {

			@Override
			public String getName() {
				return "custom.node";
			}

			@Override
			public String getContextualName(NodeObservationContext context) {
				return "run " + context.getNodeName();
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(NodeObservationContext context) {
				return KeyValues.of("kind", context.getNodeType());
			}

		};
		try (Session session = new Session(config(registry).nodeObservationConvention(custom).build())) {
			session.runSync(LENGTH, "abc");
		}
		assertThat(registry).hasNumberOfObservationsWithNameEqualTo("railtracks.node", 0)
			.hasNumberOfObservationsWithNameEqualTo("custom.node", 1)
			.hasObservationWithNameEqualTo("custom.node")
			.that()
			.hasContextualNameEqualTo("run length")
			.hasLowCardinalityKeyValue("kind", "Tool")
			.doesNotHaveLowCardinalityKeyValueWithKey("railtracks.node.name")
			.doesNotHaveHighCardinalityKeyValueWithKey("railtracks.request.id");
	}

	@Test
	void aCustomSessionConventionReplacesTheSessionName() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		SessionObservationConvention custom = new SessionObservationConvention() {

			@Override
			public String getName() {
				return "custom.session";
			}

		};
		try (Session session = new Session(config(registry).sessionObservationConvention(custom).build())) {
			session.runSync(LENGTH, "abc");
		}
		assertThat(registry).hasNumberOfObservationsWithNameEqualTo("railtracks.session", 0)
			.hasNumberOfObservationsWithNameEqualTo("custom.session", 1)
			.hasNumberOfObservationsWithNameEqualTo("railtracks.node", 1);
	}

	@Test
	void theDefaultNoopRegistryObservesNothing() {
		AtomicInteger consulted = new AtomicInteger();
		NodeObservationConvention counting = new NodeObservationConvention() {

			@Override
			public String getName() {
				consulted.incrementAndGet();
				return "counted";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(NodeObservationContext context) {
				consulted.incrementAndGet();
				return KeyValues.empty();
			}

		};
		assertThat(RailtracksObservations.of(ObservationRegistry.NOOP, null, null)).isNull();
		assertThat(RailtracksObservations.of(TestObservationRegistry.create(), null, null)).isNotNull();
		List<Object> current = new ArrayList<>();
		FunctionNode<Integer> looking = FunctionNode.of("looking", (String s) -> {
			current.add(String.valueOf(ObservationRegistry.NOOP.getCurrentObservation()));
			return s.length();
		});
		ExecutorConfig config = noSave().nodeObservationConvention(counting).build();
		assertThat(config.observationRegistry()).isSameAs(ObservationRegistry.NOOP);
		try (Session session = new Session(config)) {
			assertThat(session.runSync(looking, "abc").answer()).isEqualTo(3);
		}
		assertThat(consulted).hasValue(0);
		assertThat(current).containsExactly("null");
	}

}
