package dev.railtracks.autoconfigure.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.agent.ModelRound;
import dev.railtracks.agent.RetryPolicy;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.ai.ScriptedChatModel;
import dev.railtracks.autoconfigure.ai.SpringAiLanguageModel;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.observation.RailtracksMetricsAutoConfiguration;
import dev.railtracks.autoconfigure.observation.RailtracksObservationAutoConfiguration;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksAgentAutoConfiguration}.
 */
class RailtracksAgentAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksAgentAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void agentsGetTheDefaultsOfTheOriginalWithoutProperties() {
		this.contextRunner.withBean(ScriptedModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.run((context) -> {
				Agent<String> agent = context.getBean(AgentFactory.class).builder("a").build();
				assertThat(agent.maxRounds()).isEqualTo(Agent.DEFAULT_MAX_ROUNDS);
				assertThat(agent.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
				assertThat(agent.model()).isSameAs(context.getBean(ScriptedModel.class));
			});
	}

	@Test
	void maxRoundsAndRetriesComeFromProperties() {
		this.contextRunner.withBean(ScriptedModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.withPropertyValues("railtracks.agent.max-rounds=4", "railtracks.agent.retry.max-attempts=5",
					"railtracks.agent.retry.initial-backoff=200ms", "railtracks.agent.retry.max-backoff=3s",
					"railtracks.agent.retry.multiplier=3")
			.run((context) -> {
				Agent<String> agent = context.getBean(AgentFactory.class).builder("a").build();
				assertThat(agent.maxRounds()).isEqualTo(4);
				assertThat(agent.retryPolicy())
					.isEqualTo(new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(3), 3.0));
			});
	}

	@Test
	void aLanguageModelBeanWinsOverAChatModelBean() {
		this.contextRunner.withBean(ScriptedModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.withBean(ScriptedChatModel.class, () -> new ScriptedChatModel((prompt) -> new AssistantMessage("chat")))
			.run((context) -> assertThat(context.getBean(AgentFactory.class).defaultModel())
				.isSameAs(context.getBean(ScriptedModel.class)));
	}

	@Test
	void aChatModelBeanIsAdapted() {
		this.contextRunner
			.withBean(ScriptedChatModel.class, () -> new ScriptedChatModel((prompt) -> new AssistantMessage("chat")))
			.run((context) -> assertThat(context.getBean(AgentFactory.class).defaultModel())
				.isInstanceOf(SpringAiLanguageModel.class));
	}

	@Test
	void withoutAnyModelBuildersHaveNoModel() {
		this.contextRunner.run((context) -> assertThat(context.getBean(AgentFactory.class).defaultModel()).isNull());
	}

	@Test
	void withoutSpringAiOnTheClasspathLanguageModelBeansStillWork() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.withBean(LanguageModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.run((context) -> {
				assertThat(context).hasSingleBean(AgentFactory.class);
				assertThat(context.getBean(AgentFactory.class).defaultModel()).isInstanceOf(ScriptedModel.class);
			});
	}

	@Test
	void modelMiddlewareBeansWrapEveryAgentsModelCallsInTheirOrderOutsideTheBuildersOwn() {
		this.contextRunner.withBean(ScriptedModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.withUserConfiguration(MiddlewareConfiguration.class)
			.run((context) -> {
				List<String> log = context.getBean(MiddlewareConfiguration.class).log;
				Agent<String> agent = context.getBean(AgentFactory.class).builder("a")
					.modelMiddleware(new MiddlewareConfiguration.Logging("builder's", log))
					.build();
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(agent, "hello");
				}
				assertThat(log).containsExactly("first before", "second before", "builder's before", "builder's after",
						"second after", "first after");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class MiddlewareConfiguration {

		final List<String> log = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		ModelMiddleware second() {
			return new Logging("second", this.log);
		}

		@Bean
		@Order(1)
		ModelMiddleware first() {
			return new Logging("first", this.log);
		}

		record Logging(String name, List<String> log) implements ModelMiddleware {

			@Override
			public ModelRequest before(ModelRequest request, ModelRound round) {
				this.log.add(this.name + " before");
				return request;
			}

			@Override
			public ModelResponse after(ModelResponse response, ModelRound round) {
				this.log.add(this.name + " after");
				return response;
			}

		}

	}

	@Test
	void aRetryPolicyBeanIsTheAgentsRetryPolicyInPlaceOfThePropertiesNotOneMoreMiddleware() {
		RetryPolicy fiveAttempts = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1), 1.0);
		this.contextRunner.withBean(ScriptedModel.class, () -> ScriptedModel.of(ModelResponse.text("hi")))
			.withUserConfiguration(MiddlewareConfiguration.class)
			.withBean(RetryPolicy.class, () -> fiveAttempts)
			.withPropertyValues("railtracks.agent.retry.max-attempts=2")
			.run((context) -> {
				Agent<String> agent = context.getBean(AgentFactory.class).builder("a").build();
				assertThat(agent.retryPolicy()).isSameAs(fiveAttempts);
				assertThat(agent.modelMiddleware()).hasSize(2).doesNotContain(fiveAttempts);
				try (Session session = context.getBean(SessionFactory.class).create()) {
					assertThat(session.call(agent, "hello").content()).isEqualTo("hi");
				}
			});
	}

	@Test
	void twoRetryPolicyBeansWithoutAPrimaryOneFailTheStartupNamingThem() {
		this.contextRunner.withBean("patient", RetryPolicy.class, () -> RetryPolicy.DEFAULT)
			.withBean("impatient", RetryPolicy.class, () -> RetryPolicy.NONE)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(NoUniqueBeanDefinitionException.class)
				.hasMessageContaining("patient")
				.hasMessageContaining("impatient"));
	}

	@Test
	void backsOffToAUserAgentFactory() {
		AgentFactory custom = new AgentFactory(() -> null, 2, RetryPolicy.NONE);
		this.contextRunner.withBean(AgentFactory.class, () -> custom)
			.run((context) -> assertThat(context.getBean(AgentFactory.class)).isSameAs(custom));
	}

	@Test
	void modelCallsAreTimedAndTheirTokensCountedInTheApplicationsMeterRegistry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					RailtracksObservationAutoConfiguration.class, RailtracksMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("management.metrics.use-global-registry=false")
			.withBean(ScriptedModel.class, () -> ScriptedModel.of(
					ModelResponse.toolCalls(new ToolCall("1", "length", "{\"arg0\":\"Kyoto\"}")).withUsage(30, 4),
					ModelResponse.text("5 letters").withUsage(50, 3)).named("test-model"))
			.run((context) -> {
				Agent<String> agent = context.getBean(AgentFactory.class).builder("counter")
					.tool(FunctionNode.of("length", (String text) -> text.length()), "Counts letters")
					.build();
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(agent, "How long is Kyoto?");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("railtracks.model.tokens").tag("railtracks.token.type", "input")
					.tag("railtracks.model.name", "test-model").tag("railtracks.model.provider", "scripted")
					.tag("railtracks.agent.name", "counter").counter().count()).isEqualTo(80);
				assertThat(registry.get("railtracks.model.tokens").tag("railtracks.token.type", "output").counter().count())
					.isEqualTo(7);
				assertThat(registry.get("railtracks.model.call").tag("railtracks.agent.name", "counter")
					.tag("outcome", "success").timer().count()).isEqualTo(2);
				assertThat(registry.get("railtracks.node").tag("railtracks.node.name", "length").timer().count())
					.isEqualTo(1);
			});
	}

}
