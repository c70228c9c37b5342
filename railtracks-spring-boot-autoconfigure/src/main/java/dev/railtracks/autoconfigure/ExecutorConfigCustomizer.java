package dev.railtracks.autoconfigure;

import dev.railtracks.ExecutorConfig;

/**
 * Customizes the auto-configured {@link ExecutorConfig}. Every customizer bean runs, in
 * {@link org.springframework.core.annotation.Order order}, after the {@code railtracks.*} properties have been applied
 * to the builder and before the configuration is built.
 *
 * <pre>{@code
 * @Bean
 * ExecutorConfigCustomizer printBroadcasts() {
 *     return (builder) -> builder.subscriber((item) -> System.out.println("streamed " + item));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ExecutorConfigCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already holding the values of the {@code railtracks.*} properties
	 */
	void customize(ExecutorConfig.Builder builder);

}
