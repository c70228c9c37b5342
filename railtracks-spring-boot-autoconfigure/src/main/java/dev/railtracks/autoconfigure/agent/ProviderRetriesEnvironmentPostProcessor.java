package dev.railtracks.autoconfigure.agent;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the agents' retry policy ({@code railtracks.agent.retry.*}) the only one that retries model calls: the
 * provider clients under Spring AI retry on their own by default (the OpenAI SDK 3 more times, the Anthropic SDK 2,
 * Spring AI's {@code RetryTemplate} for Ollama and other REST-based modules 10), which would multiply the attempts and
 * hide the failure's class. Their properties default to no retry here, in a property source of the lowest
 * precedence, so a value the application sets still wins. Off with
 * {@code railtracks.agent.retry.disable-provider-retries=false}.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class ProviderRetriesEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The name of the property source holding the defaults. */
	static final String PROPERTY_SOURCE = "railtracksProviderRetries";

	/** Spring AI's properties for its clients' own retries, each set to no retry. */
	static final Map<String, Object> NO_PROVIDER_RETRIES = Map.of("spring.ai.openai.max-retries", 0,
			"spring.ai.anthropic.max-retries", 0, "spring.ai.retry.max-attempts", 0);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("railtracks.agent.retry.disable-provider-retries", Boolean.class, true)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, NO_PROVIDER_RETRIES));
		}
	}

}
