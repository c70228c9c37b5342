package dev.railtracks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static dev.railtracks.Railtracks.context;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link RailtracksContext} and {@link Railtracks#context()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RailtracksContextTests {

	@Test
	void putThenGetInAnotherNode() {
		FunctionNode<String> writer = FunctionNode.of("writer", () -> {
			context().put("test_key", "test_value");
			return "written";
		});
		FunctionNode<String> reader = FunctionNode.of("reader", () -> context().get("test_key", "default_value"));
		FunctionNode<String> parent = FunctionNode.of("parent", () -> call(writer) + " " + call(reader));
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(parent).answer()).isEqualTo("written test_value");
		}
	}

	@Test
	void getWithADefaultReturnsTheDefaultOnlyForAMissingKey() {
		try (Session session = new Session(NO_SAVE, Map.of("present", "value"))) {
			RailtracksContext context = session.context();
			assertThat(context.get("present", "default")).isEqualTo("value");
			assertThat(context.get("missing", "default")).isEqualTo("default");
			assertThat(context.get("missing", false)).isFalse();
			assertThat(context.<String>get("missing", null)).isNull();
		}
	}

	@Test
	void getOfAMissingKeyIsANoSuchElementExceptionNamingTheKey() {
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> session.context().get("absent"))
				.withMessageContaining("'absent'");
		}
	}

	@Test
	void putOverwritesAndUpdateMergesWithoutDeleting() {
		try (Session session = new Session(NO_SAVE, Map.of("a", 1, "b", 2))) {
			RailtracksContext context = session.context();
			context.put("a", 10);
			context.update(Map.of("b", 20, "c", 30));
			assertThat(context.asMap()).containsOnly(Map.entry("a", 10), Map.entry("b", 20), Map.entry("c", 30));
		}
	}

	@Test
	void deleteRemovesAKeyAndOtherKeysSurvive() {
		try (Session session = new Session(NO_SAVE, Map.of("gone", 1, "kept", 2))) {
			RailtracksContext context = session.context();
			context.delete("gone");
			assertThat(context.containsKey("gone")).isFalse();
			assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> context.get("gone"));
			assertThat(context.<Integer>get("kept")).isEqualTo(2);
			assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> context.delete("gone"))
				.withMessageContaining("'gone'");
		}
	}

	@Test
	void keysAreALiveReadOnlyView() {
		try (Session session = new Session(NO_SAVE, Map.of("initial", 0))) {
			RailtracksContext context = session.context();
			Set<String> keys = context.keys();
			assertThat(keys).containsExactly("initial");
			context.put("runtime", 1);
			context.update(Map.of("updated", 2));
			context.delete("initial");
			assertThat(keys).containsExactlyInAnyOrder("runtime", "updated");
			assertThatThrownBy(() -> keys.add("x")).isInstanceOf(UnsupportedOperationException.class);
		}
	}

	@Test
	void keysReadInsideANodeIncludeInitialAndRuntimeKeys() {
		FunctionNode<Set<String>> keys = FunctionNode.of("keys", () -> {
			context().put("runtime", true);
			return Set.copyOf(context().keys());
		});
		try (Session session = new Session(NO_SAVE, Map.of("initial", true))) {
			assertThat(session.runSync(keys).answer()).isEqualTo(Set.of("initial", "runtime"));
		}
	}

	@Test
	void nullValuesAreStoredAndDistinctFromMissingKeys() {
		Map<String, Object> initial = new HashMap<>();
		initial.put("nothing", null);
		try (Session session = new Session(NO_SAVE, initial)) {
			RailtracksContext context = session.context();
			assertThat(context.containsKey("nothing")).isTrue();
			assertThat(context.<Object>get("nothing")).isNull();
			assertThat(context.get("nothing", "default")).isNull();
			context.put("later", null);
			assertThat(context.keys()).containsExactlyInAnyOrder("nothing", "later");
			assertThat(context.asMap()).containsEntry("later", null);
		}
	}

	@Test
	void theInitialMapIsCopiedNotAliased() {
		Map<String, Object> initial = new HashMap<>(Map.of("k", "original"));
		try (Session session = new Session(NO_SAVE, initial)) {
			initial.put("k", "changed later");
			initial.put("added", "later");
			assertThat(session.context().<String>get("k")).isEqualTo("original");
			assertThat(session.context().containsKey("added")).isFalse();
			session.context().put("fromSession", 1);
			assertThat(initial).doesNotContainKey("fromSession");
		}
	}

	@Test
	void theContextIsUsableOnTheCreatingThreadBeforeAnyCall() {
		try (Session session = new Session(NO_SAVE)) {
			context().put("early", "yes");
			assertThat(session.context().<String>get("early")).isEqualTo("yes");
			assertThat(context()).isSameAs(session.context());
		}
	}

	@Test
	void valuesAreVisibleToChildrenOnOtherThreadsAndTheirWritesToTheParent() {
		FunctionNode<String> reader = FunctionNode.of("reader", (Integer i) -> {
			context().put("child-" + i, Thread.currentThread().getName());
			return context().get("fromParent");
		});
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> {
			context().put("fromParent", "hello");
			List<String> seen = new ArrayList<>();
			CompletableFuture<String> async = callAsync(reader, 0);
			seen.addAll(callBatch(reader, IntStream.rangeClosed(1, 50).boxed().toList()));
			seen.add(async.join());
			for (int i = 0; i <= 50; i++) {
				assertThat(context().containsKey("child-" + i)).as("child-" + i).isTrue();
			}
			return seen;
		});
		try (Session session = new Session(NO_SAVE)) {
			@SuppressWarnings("unchecked")
			List<String> seen = (List<String>) session.runSync(parent).answer();
			assertThat(seen).hasSize(51).containsOnly("hello");
			assertThat(session.context().keys()).hasSize(52);
		}
	}

	@Test
	void outsideASessionTheContextIsAContextException() {
		assertThatExceptionOfType(ContextException.class).isThrownBy(Railtracks::context)
			.withMessageContaining("outside a session");
		assertThatExceptionOfType(ContextException.class).isThrownBy(Railtracks::sessionId);
		assertThatExceptionOfType(ContextException.class).isThrownBy(() -> Railtracks.broadcast("x"));
	}

	@Test
	void theContextIsGoneAfterClose() {
		Session session = new Session(NO_SAVE, Map.of("k", "v"));
		RailtracksContext context = session.context();
		session.close();
		assertThatExceptionOfType(ContextException.class).isThrownBy(() -> context.get("k"))
			.withMessageContaining(session.identifier());
		assertThatExceptionOfType(ContextException.class).isThrownBy(() -> context.put("k", "again"));
		assertThatExceptionOfType(ContextException.class).isThrownBy(Railtracks::context);
	}

	@Test
	void aNewSessionStartsWithAnEmptyContext() {
		try (Session first = new Session(NO_SAVE)) {
			first.context().put("leaked?", true);
		}
		try (Session second = new Session(NO_SAVE)) {
			assertThat(second.context().keys()).isEmpty();
			FunctionNode<Boolean> probe = FunctionNode.of("probe", () -> context().containsKey("leaked?"));
			assertThat(second.runSync(probe).answer()).isEqualTo(false);
		}
	}

	@Test
	void aSessionOpenedInsideAnotherOnTheSameThreadHasItsOwnContextAndTheOuterOneComesBack() {
		try (Session outer = new Session(NO_SAVE, Map.of("who", "outer"))) {
			try (Session inner = new Session(NO_SAVE, Map.of("who", "inner"))) {
				assertThat(context().<String>get("who")).isEqualTo("inner");
				assertThat(inner.runSync(FunctionNode.of("who", () -> context().get("who"))).answer()).isEqualTo("inner");
			}
			assertThat(context().<String>get("who")).isEqualTo("outer");
			assertThat(context()).isSameAs(outer.context());
		}
	}

	@Test
	void sessionsRunningAtTheSameTimeNeverSeeEachOthersValues() throws Exception {
		int sessions = 8;
		CyclicBarrier together = new CyclicBarrier(sessions);
		FunctionNode<String> read = FunctionNode.of("read", (Integer i) -> {
			if (i == 1) {
				// Every session is running when the values are read.
				together.await(10, TimeUnit.SECONDS);
			}
			return context().get("owner");
		});
		FunctionNode<List<String>> parent = FunctionNode.of("parent", () -> callBatch(read, List.of(1, 2)));
		ExecutorService threads = Executors.newFixedThreadPool(sessions);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < sessions; i++) {
				String owner = "session-" + i;
				results.add(threads.submit(() -> {
					try (Session session = new Session(NO_SAVE, Map.of("owner", owner))) {
						return session.runSync(parent).answer();
					}
				}));
			}
			for (int i = 0; i < sessions; i++) {
				assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(List.of("session-" + i, "session-" + i));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
