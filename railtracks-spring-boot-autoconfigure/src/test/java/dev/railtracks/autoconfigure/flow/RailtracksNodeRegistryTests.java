package dev.railtracks.autoconfigure.flow;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.NodeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RailtracksNodeRegistryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksFlowAutoConfiguration.class))
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

	@Test
	void aScopedProxyBeanDeclaresItsNodesOnce() {
		this.contextRunner.withUserConfiguration(ScopedConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("scopedTarget.counter");
			RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
			assertThat(registry.names()).containsExactly("count");
			try (Session session = context.getBean(SessionFactory.class).create()) {
				assertThat(session.runSync(registry.get("count"), "a").answer()).isEqualTo("a1");
			}
			try (Session session = context.getBean(SessionFactory.class).create()) {
				// prototype-scoped target: each call through the proxy gets a new instance
				assertThat(session.runSync(registry.get("count"), "b").answer()).isEqualTo("b1");
			}
		});
	}

	@Test
	void aJdkProxiedBeanDeclaresItsNodesAndIsCalledThroughTheProxy() {
		this.contextRunner.withUserConfiguration(JdkProxyConfiguration.class)
			.withBean("politeGreeter", PoliteGreeter.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isJdkDynamicProxy(context.getBean("politeGreeter"))).isTrue();
				RailtracksNodeRegistry registry = context.getBean(RailtracksNodeRegistry.class);
				assertThat(registry.names()).containsExactly("polite_greet");
				try (Session session = context.getBean(SessionFactory.class).create()) {
					assertThat(session.runSync(registry.get("polite_greet"), "Ada").answer())
						.isEqualTo("Good day, Ada.");
				}
				assertThat(context.getBean(JdkProxyConfiguration.class).intercepted).hasValue(1);
			});
	}

	@Test
	void aJdkProxiedNodeMethodThatNoInterfaceDeclaresFailsStartup() {
		this.contextRunner.withUserConfiguration(JdkProxyConfiguration.class)
			.withBean("politeGreeter", HiddenNodeGreeter.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.hasMessageContaining("@RailtracksNode method HiddenNodeGreeter.hidden of bean 'politeGreeter'")
					.hasMessageContaining("declare the method on an interface");
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

	static class Counter {

		private final AtomicInteger calls = new AtomicInteger();

		@RailtracksNode("count")
		public String count(String prefix) {
			return prefix + this.calls.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedConfiguration {

		@Bean
		@Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.TARGET_CLASS)
		Counter counter() {
			return new Counter();
		}

	}

	public interface Polite {

		String greet(String name);

	}

	public static class PoliteGreeter implements Polite {

		@Override
		@RailtracksNode("polite_greet")
		public String greet(String name) {
			return "Good day, " + name + ".";
		}

	}

	public static class HiddenNodeGreeter implements Polite {

		@Override
		public String greet(String name) {
			return "Hi " + name;
		}

		@RailtracksNode("hidden")
		public String hidden(String name) {
			return "hidden " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdkProxyConfiguration {

		final AtomicInteger intercepted = new AtomicInteger();

		@Bean
		MethodInterceptor countingInterceptor() {
			return (invocation) -> {
				this.intercepted.incrementAndGet();
				return invocation.proceed();
			};
		}

		@Bean
		static BeanNameAutoProxyCreator politeProxyCreator() {
			BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
			creator.setBeanNames("politeGreeter");
			creator.setInterceptorNames("countingInterceptor");
			creator.setProxyTargetClass(false);
			return creator;
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
