package dev.railtracks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClassNodeDefinition}: node classes created through the constructor that fits the arguments.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClassNodeDefinitionTests {

	@Test
	void theMostSpecificFittingConstructorIsChosen() {
		NodeDefinition<String> overloaded = NodeDefinition.of(Overloaded.class);
		assertThat(invoke(overloaded, "text")).isEqualTo("String text");
		assertThat(invoke(overloaded, 7)).isEqualTo("int 7");
		assertThat(invoke(overloaded, 7L)).isEqualTo("Object 7");
		assertThat(invoke(overloaded)).isEqualTo("none");
		assertThat(invoke(overloaded, "a", 2)).isEqualTo("String,int a2");
	}

	@Test
	void anInterfaceParameterIsMoreSpecificThanObject() {
		assertThat(invoke(NodeDefinition.of(ByInterface.class), "chars")).isEqualTo("CharSequence");
		assertThat(invoke(NodeDefinition.of(ByInterface.class), 1.5)).isEqualTo("Object");
	}

	@Test
	void aSubInterfaceParameterIsMoreSpecificThanItsSuperInterface() {
		assertThat(invoke(NodeDefinition.of(ByCollection.class), new ArrayList<>(List.of(1)))).isEqualTo("List");
		assertThat(invoke(NodeDefinition.of(ByCollection.class), java.util.Set.of(1))).isEqualTo("Collection");
	}

	@Test
	void aPrimitiveParameterIsMoreSpecificThanObjectForItsBoxedArgument() {
		assertThat(invoke(NodeDefinition.of(ByPrimitive.class), 3)).isEqualTo("int");
		assertThat(invoke(NodeDefinition.of(ByPrimitive.class), "3")).isEqualTo("Object");
	}

	@Test
	void nullFitsAReferenceParameter() {
		assertThat(invoke(NodeDefinition.of(Overloaded.class), (Object) null)).isEqualTo("String null");
	}

	@Test
	void nullForAPrimitiveParameterIsANodeCreationExceptionNamingNodeAndArgument() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(Counter.class).create((Object) null))
			.withMessageContaining("Counter")
			.withMessageContaining("argument 1")
			.withMessageContaining("null")
			.withMessageContaining("int");
	}

	@Test
	void anArgumentOfTheWrongTypeIsANodeCreationExceptionNamingNodeArgumentAndParameter() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(Counter.class).create("seven"))
			.withMessageContaining("Counter")
			.withMessageContaining("argument 1 (String seven)")
			.withMessageContaining("'start'")
			.withMessageContaining("int");
	}

	@Test
	void noConstructorForTheArgumentCountIsANodeCreationExceptionListingTheArguments() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(Counter.class).create(1, 2))
			.withMessageContaining("Counter")
			.withMessageContaining("2 argument(s)")
			.withMessageContaining("Integer 1, Integer 2")
			.withMessageContaining("Counter(int)");
	}

	@Test
	void noFittingConstructorAmongSeveralIsANodeCreationExceptionNamingTheArgument() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(Overloaded.class).create("a", "b"))
			.withMessageContaining("Overloaded")
			.withMessageContaining("String b");
	}

	@Test
	void aThrowingConstructorIsANodeCreationExceptionWithItsFailureAsCause() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(Picky.class).create("bad"))
			.withMessageContaining("Picky")
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage("no bad input");
	}

	@Test
	void anAbstractNodeClassIsRefused() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> NodeDefinition.of(AbstractNode.class))
			.withMessageContaining("abstract");
	}

	@Test
	void aNullNodeClassIsRefused() {
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> NodeDefinition.of(null))
			.withMessageContaining("null");
	}

	@Test
	void theDefinitionIsNamedAfterTheClassAndCachedPerClass() {
		NodeDefinition<Integer> definition = NodeDefinition.of(Counter.class);
		assertThat(definition.name()).isEqualTo("Counter");
		assertThat(NodeDefinition.of(Counter.class)).isSameAs(definition);
	}

	@Test
	void eachCallCreatesANewNodeInstanceWithItsOwnIdentifier() {
		Node<Integer> first = NodeDefinition.of(Counter.class).create(1);
		Node<Integer> second = NodeDefinition.of(Counter.class).create(1);
		assertThat(first).isNotSameAs(second);
		assertThat(first.identifier()).isNotEqualTo(second.identifier());
	}

	@Test
	void aCreationFailureInsideASessionIsThrownToTheCallerAndNothingIsRecorded() {
		try (Session session = new Session(NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> session.runSync(Counter.class, "x"))
				.withMessageContaining("Counter");
			FunctionNode<String> parent = FunctionNode.of("parent", () -> {
				try {
					call(Counter.class, 1, 2, 3);
					return "no failure";
				}
				catch (NodeCreationException ex) {
					return "caught";
				}
			});
			assertThat(session.runSync(parent).answer()).isEqualTo("caught");
			assertThat(session.info().requestForest().size()).isEqualTo(1);
		}
	}

	private static <O> O invoke(NodeDefinition<O> definition, Object... args) {
		try {
			return definition.create(args).invoke();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	/** Constructors declared least specific first, so that declaration order cannot make the choice. */
	static class Overloaded extends Node<String> {

		private final String chosen;

		Overloaded(Object value) {
			this.chosen = "Object " + value;
		}

		Overloaded(String value) {
			this.chosen = "String " + value;
		}

		Overloaded(int value) {
			this.chosen = "int " + value;
		}

		Overloaded() {
			this.chosen = "none";
		}

		Overloaded(String text, int number) {
			this.chosen = "String,int " + text + number;
		}

		Overloaded(Object first, Integer second) {
			this.chosen = "Object,Integer " + first + second;
		}

		@Override
		public String invoke() {
			return this.chosen;
		}

	}

	static class ByInterface extends Node<String> {

		private final String chosen;

		ByInterface(Object value) {
			this.chosen = "Object";
		}

		ByInterface(CharSequence value) {
			this.chosen = "CharSequence";
		}

		@Override
		public String invoke() {
			return this.chosen;
		}

	}

	static class ByCollection extends Node<String> {

		private final String chosen;

		ByCollection(Collection<?> value) {
			this.chosen = "Collection";
		}

		ByCollection(List<?> value) {
			this.chosen = "List";
		}

		@Override
		public String invoke() {
			return this.chosen;
		}

	}

	static class ByPrimitive extends Node<String> {

		private final String chosen;

		ByPrimitive(Object value) {
			this.chosen = "Object";
		}

		ByPrimitive(int value) {
			this.chosen = "int";
		}

		@Override
		public String invoke() {
			return this.chosen;
		}

	}

	static class Counter extends Node<Integer> {

		private final int start;

		Counter(int start) {
			this.start = start;
		}

		@Override
		public Integer invoke() {
			return this.start + 1;
		}

	}

	static class Picky extends Node<String> {

		Picky(String input) {
			if ("bad".equals(input)) {
				throw new IllegalArgumentException("no bad input");
			}
		}

		@Override
		public String invoke() {
			return "ok";
		}

	}

	abstract static class AbstractNode extends Node<String> {

	}

}
