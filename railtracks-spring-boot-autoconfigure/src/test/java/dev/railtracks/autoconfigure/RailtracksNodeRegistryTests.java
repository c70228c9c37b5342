package dev.railtracks.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeType;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.state.ExecutionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RailtracksNodeRegistryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void beanMethodsBecomeNodesThatUseTheInjectedBean() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class).run((context) -> {
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			assertThat(registry.names()).containsExactlyInAnyOrder("greet", "greet_all", "add", "fail");
			NodeDefinition<String> greet = registry.get("greet");
			assertThat(greet.name()).isEqualTo("greet");
			assertThat(greet.type()).isEqualTo(NodeType.TOOL);
			assertThat(registry.<Object>get("greet_all").type()).isEqualTo(NodeType.AGENT);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				ExecutionInfo info = session.runSync(greet, "Ada");
				assertThat(info.answer()).isEqualTo("Hello, Ada!");
			}
			try (Session session = context.getBean(SessionFactory.class).create()) {
				assertThat(session.runSync(registry.get("add"), 2, 3).answer()).isEqualTo(5);
			}
		});
	}

	@Test
	void nodesCallOtherNodesByName() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class).run((context) -> {
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				ExecutionInfo info = session.runSync(registry.get("greet_all"), List.of("Ada", "Grace"));
				assertThat(info.answer()).isEqualTo(List.of("Hello, Ada!", "Hello, Grace!"));
				assertThat(info.nodeForest().toVertices()).hasSize(3);
			}
		});
	}

	@Test
	void wrongArgumentsFailNamingTheNodeAndTheArgument() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class).run((context) -> {
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			NodeDefinition<Object> add = registry.get("add");
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> add.create(1))
				.withMessage("Node 'add' takes 2 argument(s) (int, int) but was called with 1 (Integer 1)");
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> add.create(1, "two"))
				.withMessage("Node 'add': argument 2 (String two) does not fit parameter 'right' of type int");
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> add.create(1, null))
				.withMessage("Node 'add': argument 2 (null) does not fit parameter 'right' of type int");
		});
	}

	@Test
	void aFailingNodeMethodThrowsItsOwnException() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class).run((context) -> {
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				assertThatExceptionOfType(IllegalArgumentException.class)
					.isThrownBy(() -> session.runSync(registry.get("fail"), "boom"))
					.withMessage("boom");
			}
		});
	}

	@Test
	void aBlankNodeNameFailsStartup() {
		this.contextRunner.withBean("blank", BlankName.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasMessageContaining("Method node name must not be blank");
		});
	}

	@Test
	void unknownNameFailsListingTheKnownNodes() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class).run((context) -> {
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			assertThat(registry.contains("missing")).isFalse();
			assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> registry.get("missing"))
				.withMessageContaining("'missing'")
				.withMessageContaining("greet");
		});
	}

	@Test
	void duplicateNodeNamesFailStartup() {
		this.contextRunner.withUserConfiguration(NodesConfiguration.class, DuplicateConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.hasMessageContaining("@RailtracksNode(\"greet\")")
					.hasMessageContaining("greeter.greet")
					.hasMessageContaining("impostor.greet");
			});
	}

	static class Salutation {

		String text() {
			return "Hello";
		}

	}

	static class Greeter {

		private final Salutation salutation;

		private final RailtracksNodeRegistry nodes;

		Greeter(Salutation salutation, RailtracksNodeRegistry nodes) {
			this.salutation = salutation;
			this.nodes = nodes;
		}

		@RailtracksNode("greet")
		String greet(String name) {
			return this.salutation.text() + ", " + name + "!";
		}

		@RailtracksNode(value = "greet_all", type = NodeType.AGENT)
		List<String> greetAll(List<String> names) {
			return Railtracks.callBatch(this.nodes.<String>get("greet"), names);
		}

		@RailtracksNode("add")
		int add(int left, int right) {
			return left + right;
		}

		@RailtracksNode("fail")
		String fail(String message) {
			throw new IllegalArgumentException(message);
		}

	}

	static class BlankName {

		@RailtracksNode(" ")
		String blank() {
			return "";
		}

	}

	static class Impostor {

		@RailtracksNode("greet")
		String greet(String name) {
			return "Hi " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NodesConfiguration {

		@Bean
		Salutation salutation() {
			return new Salutation();
		}

		@Bean
		Greeter greeter(Salutation salutation, RailtracksNodeRegistry nodes) {
			return new Greeter(salutation, nodes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		Impostor impostor() {
			return new Impostor();
		}

	}

}
