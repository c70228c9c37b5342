package dev.railtracks;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import dev.railtracks.info.NodeType;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link MethodNode}.
 */
class MethodNodeTests {

	@Test
	void invokesTheMethodOnTheTargetSuppliedForEachCall() throws NoSuchMethodException {
		AtomicInteger lookups = new AtomicInteger();
		Greeter greeter = new Greeter();
		MethodNode<String> greet = MethodNode.of("greet", NodeType.TOOL,
				Greeter.class.getDeclaredMethod("greet", String.class, int.class), () -> {
					lookups.incrementAndGet();
					return greeter;
				});
		try (Session session = new Session(NO_SAVE)) {
			assertThat(session.runSync(greet, "ada", 2).answer()).isEqualTo("hello ada hello ada");
			assertThat(session.runSync(greet, "bob", 1).answer()).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("hello ada hello ada",
					"hello bob");
			assertThat(session.info().nodeForest().heads().values())
				.allSatisfy((node) -> assertThat(node.nodeType()).isEqualTo(NodeType.TOOL));
		}
		assertThat(lookups).hasValue(2);
	}

	@Test
	void argumentsThatDoNotFitNameTheNodeAndTheArgument() throws NoSuchMethodException {
		MethodNode<String> greet = MethodNode.of("greet", NodeType.OTHER,
				Greeter.class.getDeclaredMethod("greet", String.class, int.class), Greeter::new);
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> greet.create("ada"))
			.withMessageContaining("'greet'")
			.withMessageContaining("takes 2 argument(s)");
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> greet.create("ada", "two"))
			.withMessageContaining("argument 2")
			.withMessageContaining("int");
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> greet.create("ada", null))
			.withMessageContaining("argument 2 (null)");
	}

	@Test
	void theMethodsOwnExceptionReachesTheCallerUnwrapped() throws NoSuchMethodException {
		MethodNode<String> fail = MethodNode.of("fail", NodeType.OTHER, Greeter.class.getDeclaredMethod("fail"),
				Greeter::new);
		try (Session session = new Session(NO_SAVE)) {
			assertThatThrownBy(() -> session.runSync(fail)).isInstanceOf(NodeInvocationException.class)
				.cause()
				.isInstanceOf(IOException.class)
				.hasMessage("disk gone");
		}
	}

	@Test
	void aBlankNameIsRefused() throws NoSuchMethodException {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> MethodNode.of(" ", NodeType.OTHER, Greeter.class.getDeclaredMethod("fail"), Greeter::new))
			.withMessageContaining("must not be blank");
	}

	static class Greeter {

		private String greet(String who, int times) {
			return String.join(" ", java.util.Collections.nCopies(times, "hello " + who));
		}

		String fail() throws IOException {
			throw new IOException("disk gone");
		}

	}

}
