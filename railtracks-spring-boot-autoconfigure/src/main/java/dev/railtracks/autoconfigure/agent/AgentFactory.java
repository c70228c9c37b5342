package dev.railtracks.autoconfigure.agent;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.railtracks.agent.Agent;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.agent.RetryPolicy;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelPrices;

/**
 * Starts agent builders preset with the application's model (a {@link LanguageModel} bean, else the Spring AI
 * {@code ChatModel} bean), its {@link ModelMiddleware} beans, its {@link RetryPolicy} bean (else the
 * {@code railtracks.agent.retry.*} properties) and the other {@code railtracks.agent.*} properties. Declare agents as
 * beans with it:
 *
 * <pre>{@code
 * @Bean
 * Agent<String> tripPlanner(AgentFactory agents, RailtracksNodeRegistry nodes) {
 *     return agents.builder("trip_planner")
 *         .systemMessage("You plan trips for {traveller}.")
 *         .tool(nodes.get("weather"), "The forecast for a city")
 *         .build();
 * }
 * }</pre>
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class AgentFactory {

	private final Supplier<@Nullable LanguageModel> defaultModel;

	private final int maxRounds;

	private final RetryPolicy retryPolicy;

	private final ModelPrices prices;

	private final List<ModelMiddleware> modelMiddleware;

	/**
	 * A factory without prices.
	 * @param defaultModel supplies the application's model, or {@code null} when it has none
	 * @param maxRounds the bound on model rounds of each agent
	 * @param retryPolicy how each agent retries transient model failures
	 */
	public AgentFactory(Supplier<@Nullable LanguageModel> defaultModel, int maxRounds, RetryPolicy retryPolicy) {
		this(defaultModel, maxRounds, retryPolicy, ModelPrices.NONE);
	}

	/**
	 * A factory.
	 * @param defaultModel supplies the application's model, or {@code null} when it has none
	 * @param maxRounds the bound on model rounds of each agent
	 * @param retryPolicy how each agent retries transient model failures
	 * @param prices the prices that cost the application model's calls ({@code railtracks.agent.pricing})
	 */
	public AgentFactory(Supplier<@Nullable LanguageModel> defaultModel, int maxRounds, RetryPolicy retryPolicy,
			ModelPrices prices) {
		this(defaultModel, maxRounds, retryPolicy, prices, List.of());
	}

	/**
	 * A factory whose agents run their model calls through middleware.
	 * @param defaultModel supplies the application's model, or {@code null} when it has none
	 * @param maxRounds the bound on model rounds of each agent
	 * @param retryPolicy how each agent retries transient model failures
	 * @param prices the prices that cost the application model's calls ({@code railtracks.agent.pricing})
	 * @param modelMiddleware the middleware around every agent's model calls, outermost first (the application's
	 * {@link ModelMiddleware} beans in {@code @Order})
	 */
	public AgentFactory(Supplier<@Nullable LanguageModel> defaultModel, int maxRounds, RetryPolicy retryPolicy,
			ModelPrices prices, List<ModelMiddleware> modelMiddleware) {
		Assert.notNull(defaultModel, "'defaultModel' must not be null");
		Assert.isTrue(maxRounds >= 1, () -> "'maxRounds' must be at least 1 but was " + maxRounds);
		Assert.notNull(retryPolicy, "'retryPolicy' must not be null");
		Assert.notNull(prices, "'prices' must not be null");
		Assert.noNullElements(modelMiddleware, "'modelMiddleware' must not be null nor contain null");
		this.defaultModel = defaultModel;
		this.maxRounds = maxRounds;
		this.retryPolicy = retryPolicy;
		this.prices = prices;
		this.modelMiddleware = List.copyOf(modelMiddleware);
	}

	/**
	 * Starts an agent with the application's model (priced by {@code railtracks.agent.pricing} when it has prices), max
	 * rounds, retry policy and model middleware; each can still be changed on the builder, and model middleware added
	 * there run inside these.
	 * @param name the agent's name
	 * @return the builder
	 */
	public Agent.Builder<String> builder(String name) {
		Agent.Builder<String> builder = Agent.builder(name).maxRounds(this.maxRounds).retryPolicy(this.retryPolicy)
			.modelMiddleware(this.modelMiddleware.toArray(ModelMiddleware[]::new));
		LanguageModel model = defaultModel();
		return (model != null) ? builder.model(model) : builder;
	}

	/**
	 * The application's model.
	 * @return the model, or {@code null} when there is no {@link LanguageModel} bean and no single Spring AI
	 * {@code ChatModel} bean
	 */
	public @Nullable LanguageModel defaultModel() {
		LanguageModel model = this.defaultModel.get();
		return (model != null && !this.prices.isEmpty()) ? model.withPrices(this.prices) : model;
	}

}
