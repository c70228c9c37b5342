package dev.railtracks.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.autoconfigure.ExecutorConfigCustomizer;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.observation.DefaultModelCallObservationConvention;
import dev.railtracks.observation.DefaultNodeObservationConvention;
import dev.railtracks.observation.DefaultSessionObservationConvention;
import dev.railtracks.observation.ModelCallObservationConvention;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.SessionObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

class RailtracksObservationAutoConfigurationTests {

	private static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String text) -> text.length());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksObservationAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void sessionsReportToTheApplicationsObservationRegistry() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(context.getBean(ExecutorConfig.class).observationRegistry()).isSameAs(registry);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(LENGTH, "railtracks");
			}
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("railtracks.node")
				.that()
				.hasLowCardinalityKeyValue("railtracks.node.name", "length")
				.hasBeenStopped();
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("railtracks.session")
				.that()
				.hasBeenStopped();
			TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
		});
	}

	@Test
	void nodeObservationsAreChildrenOfTheSessionObservation() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(LENGTH, "nested");
			}
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("railtracks.node")
				.that()
				.hasParentObservationContextMatching((parent) -> "railtracks.session".equals(parent.getName()));
		});
	}

	@Test
	void usesTheApplicationsNodeObservationConvention() {
		NodeObservationConvention renamed = new DefaultNodeObservationConvention() {

			@Override
			public String getName() {
				return "custom.node";
			}

		};
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(NodeObservationConvention.class, () -> renamed)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(LENGTH, "abc");
				}
				TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("custom.node");
				TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
			});
	}

	@Test
	void agentsModelCallsUseTheApplicationsModelCallObservationConvention() {
		ModelCallObservationConvention renamed = new DefaultModelCallObservationConvention() {

			@Override
			public String getName() {
				return "custom.model.call";
			}

		};
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ModelCallObservationConvention.class, () -> renamed)
			.run((context) -> {
				assertThat(context.getBean(ExecutorConfig.class).modelCallObservationConvention()).isSameAs(renamed);
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(Agent.builder("planner").model(ScriptedModel.of(ModelResponse.text("Sunny"))).build(),
							"Kyoto");
				}
				TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("custom.model.call")
					.that()
					.hasLowCardinalityKeyValue("railtracks.agent.name", "planner");
			});
	}

	@Test
	void backsOffToAUserCustomizerOfTheSameName() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean("railtracksObservationExecutorConfigCustomizer", ExecutorConfigCustomizer.class,
					() -> (builder) -> builder.sessionName("user-customizer"))
			.run((context) -> {
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				assertThat(config.sessionName()).isEqualTo("user-customizer");
				assertThat(config.observationRegistry()).isSameAs(ObservationRegistry.NOOP);
			});
	}

	@Test
	void withoutAnObservationRegistryBeanSessionsDoNotObserve() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean("railtracksObservationExecutorConfigCustomizer");
			assertThat(context.getBean(ExecutorConfig.class).observationRegistry()).isSameAs(ObservationRegistry.NOOP);
		});
	}

	@Test
	void anApplicationCustomizerWithTheDefaultOrderRunsAfterAndWins() {
		NodeObservationConvention userConvention = new DefaultNodeObservationConvention();
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean("userCustomizer", ExecutorConfigCustomizer.class,
					() -> (builder) -> builder.nodeObservationConvention(userConvention)
						.observationRegistry(ObservationRegistry.NOOP))
			.run((context) -> {
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				assertThat(config.nodeObservationConvention()).isSameAs(userConvention);
				assertThat(config.observationRegistry()).isSameAs(ObservationRegistry.NOOP);
			});
	}

	@Test
	void withoutConventionBeansAnEarlierCustomizersConventionsAreKept() {
		NodeObservationConvention userConvention = new DefaultNodeObservationConvention();
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withUserConfiguration(EarlyCustomizerConfiguration.class)
			.withBean(NodeObservationConvention.class, () -> userConvention)
			.run((context) -> {
				ExecutorConfig config = context.getBean(ExecutorConfig.class);
				assertThat(config.nodeObservationConvention()).isSameAs(userConvention);
				assertThat(config.sessionObservationConvention()).isSameAs(EarlyCustomizerConfiguration.SESSION);
			});
	}

	@Test
	void twoObservationRegistriesWithoutAPrimaryBackOff() {
		this.contextRunner.withBean("one", ObservationRegistry.class, TestObservationRegistry::create)
			.withBean("two", ObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("railtracksObservationExecutorConfigCustomizer");
			});
	}

	@Test
	void twoObservationRegistriesWithAPrimaryUseThePrimary() {
		this.contextRunner.withBean("one", ObservationRegistry.class, TestObservationRegistry::create)
			.withBean("two", ObservationRegistry.class, TestObservationRegistry::create,
					(definition) -> definition.setPrimary(true))
			.run((context) -> assertThat(context.getBean(ExecutorConfig.class).observationRegistry())
				.isSameAs(context.getBean("two")));
	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyCustomizerConfiguration {

		static final SessionObservationConvention SESSION = new DefaultSessionObservationConvention();

		@Bean
		@Order(-1)
		ExecutorConfigCustomizer earlyCustomizer() {
			return (builder) -> builder.sessionObservationConvention(SESSION);
		}

	}

}
