package dev.railtracks.autoconfigure.agent;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import dev.railtracks.agent.Agent;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.agent.RetryPolicy;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.ai.SpringAiLanguageModel;
import dev.railtracks.llm.LanguageModel;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Railtracks agents: an {@link AgentFactory} whose model is the
 * application's {@link LanguageModel} bean or, with Spring AI on the classpath, its single {@code ChatModel} bean
 * adapted by {@link SpringAiLanguageModel}. The model is looked up when a builder is started, so the provider's own
 * auto-configuration (OpenAI, Anthropic, Ollama...) needs no ordering against this one. Every agent it starts gets the
 * application's {@link ModelMiddleware} beans, in {@code @Order}, and its retry policy: a {@link RetryPolicy} bean if
 * there is one (it is the agents' policy, innermost, and not also applied as middleware), else the
 * {@code railtracks.agent.retry.*} properties.
 *
 * @author Railtracks
 * @since 0.1.0
 */
@AutoConfiguration(after = RailtracksAutoConfiguration.class)
@ConditionalOnClass(Agent.class)
@EnableConfigurationProperties(RailtracksAgentProperties.class)
public final class RailtracksAgentAutoConfiguration {

	private static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";

	@Bean
	@ConditionalOnMissingBean
	AgentFactory railtracksAgentFactory(RailtracksAgentProperties properties, ObjectProvider<LanguageModel> models,
			ObjectProvider<RetryPolicy> retryPolicy, ObjectProvider<ModelMiddleware> modelMiddleware,
			BeanFactory beanFactory) {
		boolean springAi = ClassUtils.isPresent(CHAT_MODEL, RailtracksAgentAutoConfiguration.class.getClassLoader());
		return new AgentFactory(() -> {
			LanguageModel model = models.getIfUnique();
			if (model != null || !springAi) {
				return model;
			}
			return SpringAiLanguageModel.fromUniqueChatModel(beanFactory);
		}, properties.getMaxRounds(), retryPolicy.getIfAvailable(properties::retryPolicy), properties.prices(),
				modelMiddleware.orderedStream().filter((middleware) -> !(middleware instanceof RetryPolicy)).toList());
	}

}
