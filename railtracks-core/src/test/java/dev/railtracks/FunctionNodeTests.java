package dev.railtracks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.NodeType;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FunctionNode}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionNodeTests {

	static final FunctionNode<String> NONE = FunctionNode.of("none", () -> "zero");

	static final FunctionNode<Integer> ONE = FunctionNode.of("one", (String s) -> s.length());

	static final FunctionNode<Integer> TWO = FunctionNode.of("two", (Integer a, Integer b) -> a + b);

	static final FunctionNode<String> THREE = FunctionNode.of("three", (String a, Integer b, Boolean c) -> a + b + c);

	static final FunctionNode<String> FOUR = FunctionNode.of("four",
			(String a, Integer b, Long c, Double d) -> a + b + c + d);

	static final FunctionNode<Integer> TWICE = FunctionNode.of("twice", FunctionNodeTests::twice);

	@Test
	void functionsOfZeroToFourArgumentsRunAsNodes() {
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(NONE).answer()).isEqualTo("zero");
			assertThat(call(ONE, "four")).isEqualTo(4);
			assertThat(call(TWO, 2, 3)).isEqualTo(5);
			assertThat(call(THREE, "a", 1, true)).isEqualTo("a1true");
			assertThat(call(FOUR, "b", 2, 3L, 4.5)).isEqualTo("b234.5");
			assertThat(call(TWICE, 21)).isEqualTo(42);
			assertThat(session.info().insertionRequests()).extracting((request) -> request.sinkName())
				.containsExactly("none", "one", "two", "three", "four", "twice");
		}
	}

	@Test
	void parameterTypesAreReadFromTheFunction() {
		assertThat(NONE.parameterTypes()).isEmpty();
		assertThat(ONE.parameterTypes()).containsExactly(String.class);
		assertThat(THREE.parameterTypes()).containsExactly(String.class, Integer.class, Boolean.class);
		assertThat(FOUR.parameterTypes()).containsExactly(String.class, Integer.class, Long.class, Double.class);
	}

	@Test
	void functionNodesAreNamedToolsAndCreateNodesOfThatName() {
		assertThat(ONE.name()).isEqualTo("one");
		assertThat(ONE.type()).isEqualTo(NodeType.TOOL);
		Node<Integer> node = ONE.create("x");
		assertThat(node.name()).isEqualTo("one");
		assertThat(node.type()).isEqualTo(NodeType.TOOL);
	}

	@Test
	void theWrongNumberOfArgumentsIsANodeCreationExceptionNamingTheNodeAndTheArguments() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> TWO.create(1))
			.withMessageContaining("'two'")
			.withMessageContaining("takes 2 argument(s) (Integer, Integer)")
			.withMessageContaining("called with 1 (Integer 1)");
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> NONE.create("extra"))
			.withMessageContaining("'none'")
			.withMessageContaining("String extra");
	}

	@Test
	void anArgumentOfTheWrongTypeIsANodeCreationExceptionNamingTheNodeAndTheArgument() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> FOUR.create("a", 1, 2, 3.0))
			.withMessageContaining("'four'")
			.withMessageContaining("argument 3 (Integer 2)")
			.withMessageContaining("Long");
	}

	@Test
	void nullForAPrimitiveParameterIsANodeCreationExceptionNamingTheNodeAndTheArgument() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> TWICE.create((Object) null))
			.withMessageContaining("'twice'")
			.withMessageContaining("argument 1 (null)")
			.withMessageContaining("int");
	}

	@Test
	@SuppressWarnings("try") // the session only has to be current
	void methodReferencesOfAnyKindKeepTheirPrimitiveParameters() {
		FunctionNode<Character> unbound = FunctionNode.of("charAt", String::charAt);
		FunctionNode<Character> bound = FunctionNode.of("charOfHello", "hello"::charAt);
		assertThat(TWICE.parameterTypes()).containsExactly(int.class);
		assertThat(unbound.parameterTypes()).containsExactly(String.class, int.class);
		assertThat(bound.parameterTypes()).containsExactly(int.class);
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> unbound.create("abc", null))
			.withMessageContaining("'charAt'")
			.withMessageContaining("argument 2 (null)");
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> bound.create((Object) null))
			.withMessageContaining("'charOfHello'");
		try (Session session = new Session(NO_SAVE)) {
			assertThat(call(unbound, "abc", 1)).isEqualTo('b');
			assertThat(call(bound, 4)).isEqualTo('o');
		}
	}

	@Test
	void nullForAReferenceParameterIsAccepted() {
		FunctionNode<String> orDefault = FunctionNode.of("orDefault", (String s) -> (s != null) ? s : "default");
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(orDefault, (Object) null).answer()).isEqualTo("default");
		}
	}

	@Test
	void aNullArgumentArrayIsANodeCreationException() {
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.runSync(ONE, (Object[]) null))
				.withMessageContaining("one");
		}
	}

	@Test
	void anErasedGenericParameterAcceptsItsRawType() {
		FunctionNode<Integer> size = FunctionNode.of("size", (List<String> words) -> words.size());
		assertThat(size.parameterTypes()).containsExactly(List.class);
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(size, List.of("a", "b")).answer()).isEqualTo(2);
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> session.runSync(size, "a"))
				.withMessageContaining("'size'");
		}
	}

	@Test
	void aBlankNameOrNullFunctionIsRefused() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> FunctionNode.of(" ", () -> 1))
			.withMessageContaining("name");
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> FunctionNode.of("nothing", (FunctionNode.F1<String, String>) null))
			.withMessageContaining("nothing");
	}

	@Test
	void aCreationFailureInsideANodeIsThrownToItAndNothingIsRecorded() {
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			try {
				return "unexpected " + call(TWO, "x", 1);
			}
			catch (NodeCreationException ex) {
				return ex.getMessage();
			}
		});
		try (Session session = new Session(NO_SAVE)) {
			assertThat((String) session.runSync(parent).answer()).contains("'two'").contains("argument 1 (String x)");
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

	static int twice(int value) {
		return value * 2;
	}

}
