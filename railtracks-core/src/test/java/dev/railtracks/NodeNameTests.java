package dev.railtracks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.info.ExecutionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A node's name is part of the record's schema: a node whose {@link Node#name()} is null or blank is refused at
 * creation with a {@link NodeCreationException} naming its class, and is never recorded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeNameTests {

	@Test
	void aStartNodeWithANullNameIsRefusedNamingItsClass() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.runSync(NullName.class, "x"))
				.withMessageContaining(NullName.class.getName())
				.withMessageContaining("name");
			assertThat(session.info().requestForest().heads()).isEmpty();
			assertThat(session.info().graphSerialization()).doesNotContain("\"name\": null", "\"name\":null");
		}
	}

	@Test
	void aStartNodeWithABlankNameIsRefusedNamingItsClass() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> session.runSync(BlankName.class, "x"))
				.withMessageContaining(BlankName.class.getName());
			assertThat(session.info().requestForest().heads()).isEmpty();
		}
	}

	@Test
	void aCalledNodeWithANullNameIsRefusedInsideTheCallerAndNotRecorded() {
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			Throwable thrown = catchThrowable(() -> Railtracks.call(NullName.class, "x"));
			return (thrown instanceof NodeCreationException) ? thrown.getMessage() : "not refused: " + thrown;
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat((String) info.answer()).contains(NullName.class.getName());
			assertThat(info.requestForest().size()).isEqualTo(1);
			assertThat(info.nodeForest().size()).isEqualTo(1);
		}
	}

	@Test
	void aBatchOfNodesWithBlankNamesIsRefusedInsideTheCallerAndNotRecorded() {
		NodeDefinition<String> blank = NodeDefinition.of(BlankName.class);
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			Throwable thrown = catchThrowable(() -> Railtracks.callBatch(blank, List.of("a", "b")));
			return (thrown instanceof NodeCreationException) ? thrown.getMessage() : "not refused: " + thrown;
		});
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat((String) info.answer()).contains(BlankName.class.getName());
			assertThat(info.requestForest().size()).isEqualTo(1);
			assertThat(info.nodeForest().size()).isEqualTo(1);
		}
	}

	@Test
	void aTopLevelBatchOfNodesWithNullNamesIsRefused() {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			assertThatExceptionOfType(NodeCreationException.class)
				.isThrownBy(() -> Railtracks.callBatch(NodeDefinition.of(NullName.class), List.of("a")))
				.withMessageContaining(NullName.class.getName());
			assertThat(session.info().requestForest().heads()).isEmpty();
		}
	}

	public static final class NullName extends Node<String> {

		public NullName(String text) {
		}

		@Override
		public String invoke() {
			return "ran";
		}

		@Override
		@SuppressWarnings("NullAway") // the fault under test: a subclass breaking the non-null contract
		public @Nullable String name() {
			return null;
		}

	}

	public static final class BlankName extends Node<String> {

		public BlankName(String text) {
		}

		@Override
		public String invoke() {
			return "ran";
		}

		@Override
		public String name() {
			return " ";
		}

	}

}
