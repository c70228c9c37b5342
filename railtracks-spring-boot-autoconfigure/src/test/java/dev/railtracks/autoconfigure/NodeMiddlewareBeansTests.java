package dev.railtracks.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksFlows;
import dev.railtracks.autoconfigure.flow.RailtracksNode;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link dev.railtracks.NodeMiddleware} beans: around every node call of every session the
 * {@link SessionFactory} makes, in {@code @Order} order, and per flow by bean name under
 * {@code railtracks.flows.<name>.middleware}.
 */
class NodeMiddlewareBeansTests {

	static final List<String> TRACE = Collections.synchronizedList(new ArrayList<>());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class, RailtracksFlowAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false")
		.withUserConfiguration(Middleware.class)
		.withBean(Greeter.class);

	static NodeMiddleware traced(String name) {
		return (call) -> {
			TRACE.add(name + " " + call.nodeName());
			return call.proceed();
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class Middleware {

		@Bean
		@Order(2)
		NodeMiddleware second() {
			return traced("second");
		}

		@Bean
		@Order(1)
		NodeMiddleware first() {
			return traced("first");
		}

	}

	static class Greeter {

		@RailtracksNode("greet")
		String greet(String name) {
			return "Hello, " + name;
		}

	}


	/** Equal to any other with the same name: middleware is told apart by identity, not equality. */
	record Tagged(String name) implements NodeMiddleware {

		@Override
		public @Nullable Object around(NodeCall call) throws Exception {
			return call.proceed();
		}

	}

	@Test
	void aBeanEqualToAMiddlewareOfTheConfigurationIsAddedAsAnotherOne() {
		Tagged configured = new Tagged("audit");
		Tagged bean = new Tagged("audit");
		ExecutorConfig config = ExecutorConfig.builder().saveState(false).addNodeMiddleware(configured).build();
		assertThat(new SessionFactory(config, List.of(), List.of(bean, configured)).config().nodeMiddleware())
			.satisfiesExactly((first) -> assertThat(first).isSameAs(configured),
					(second) -> assertThat(second).isSameAs(bean));
	}

	@Test
	void middlewareBeansRunAroundEveryNodeCallInTheirOrder() {
		TRACE.clear();
		this.contextRunner.run((context) -> {
			try (Session session = context.getBean(SessionFactory.class).create()) {
				assertThat(session.call(context.getBean(RailtracksNodeRegistry.class).<String>get("greet"), "Ada"))
					.isEqualTo("Hello, Ada");
			}
			assertThat(TRACE).containsExactly("first greet", "second greet");
		});
	}

	@Test
	void aFlowAddsTheMiddlewareBeansItNamesInsideTheSessionsOnes() {
		TRACE.clear();
		this.contextRunner.withBean("audit", NodeMiddleware.class, () -> traced("audit"))
			.withPropertyValues("railtracks.flows.welcome.node=greet", "railtracks.flows.welcome.middleware=audit")
			.run((context) -> {
				assertThat(context.getBean(RailtracksFlows.class).<String>get("welcome").invoke("Bo"))
					.isEqualTo("Hello, Bo");
				assertThat(TRACE).containsExactly("first greet", "second greet", "audit greet");
			});
	}

	@Test
	void aFlowNamingAnUnknownMiddlewareBeanFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("railtracks.flows.welcome.node=greet", "railtracks.flows.welcome.middleware=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("railtracks.flows.welcome.middleware")
					.hasMessageContaining("nope")
					.hasMessageContaining("[second, first]");
			});
	}

	@Test
	void aBeanThatAFlowNamesRunsInThatFlowOnly() {
		TRACE.clear();
		this.contextRunner
			.withPropertyValues("railtracks.flows.welcome.node=greet", "railtracks.flows.welcome.middleware=first")
			.run((context) -> {
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.call(context.getBean(RailtracksNodeRegistry.class).<String>get("greet"), "Ada");
				}
				assertThat(TRACE).containsExactly("second greet");
				context.getBean(RailtracksFlows.class).<String>get("welcome").invoke("Bo");
				assertThat(TRACE).containsExactly("second greet", "second greet", "first greet");
			});
	}

	@Test
	void aFlowListingAMiddlewareTwiceFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("railtracks.flows.welcome.node=greet", "railtracks.flows.welcome.middleware=first,first")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("railtracks.flows.welcome.middleware")
					.hasMessageContaining("configure each instance once");
			});
	}

}
