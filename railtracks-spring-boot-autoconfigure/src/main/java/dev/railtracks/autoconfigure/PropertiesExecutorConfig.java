package dev.railtracks.autoconfigure;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.execution.ExecutionStrategy;

/**
 * Applies {@link RailtracksProperties} to an {@link ExecutorConfig.Builder}, turning the builder's validation errors
 * into {@link InvalidConfigurationPropertyValueException}s that name the property and its value.
 */
final class PropertiesExecutorConfig {

	/** The timeout's property, which the timeout's message and log line name in a Spring application. */
	static final String TIMEOUT = "railtracks.timeout";

	private PropertiesExecutorConfig() {
	}

	static ExecutorConfig.Builder builder(RailtracksProperties properties) {
		ExecutorConfig.Builder builder = ExecutorConfig.builder();
		if (properties.isTimeoutEnabled()) {
			apply(TIMEOUT, properties.getTimeout(), () -> builder.timeout(properties.getTimeout(), TIMEOUT));
		}
		else {
			builder.noTimeout();
		}
		builder.endOnError(properties.isEndOnError());
		apply("railtracks.logging-setting", properties.getLoggingSetting(),
				() -> builder.loggingSetting(properties.getLoggingSetting()));
		apply("railtracks.log-file", properties.getLogFile(), () -> builder.logFile(properties.getLogFile()));
		apply("railtracks.max-log-length", properties.getMaxLogLength(),
				() -> builder.maxLogLength(properties.getMaxLogLength()));
		apply("railtracks.run-identifier", properties.getRunIdentifier(),
				() -> builder.runIdentifier(properties.getRunIdentifier()));
		builder.sessionName(properties.getSessionName());
		builder.promptInjection(properties.isPromptInjection());
		builder.saveState(properties.isSaveState());
		Path stateDirectory = properties.getStateDirectory();
		if (stateDirectory != null) {
			apply("railtracks.state-directory", stateDirectory, () -> builder.stateDirectory(stateDirectory));
		}
		RailtracksProperties.Strategy strategy = properties.getExecution().getStrategy();
		@SuppressWarnings("NullAway") // an empty property is passed on as null on purpose, see strategy(...)
		Supplier<ExecutorConfig.Builder> setStrategy = () -> builder.executionStrategy(strategy(strategy));
		apply("railtracks.execution.strategy", strategy, setStrategy);
		builder.inlineSynchronousCalls(properties.getExecution().isInlineSynchronousCalls());
		return builder;
	}

	/**
	 * Runs {@code setter}, turning the {@link IllegalArgumentException} or {@link UnsupportedOperationException} that
	 * core throws for a bad value into an {@link InvalidConfigurationPropertyValueException} that names the key and the
	 * value and keeps core's message.
	 */
	static <T> T apply(String key, @Nullable Object value, Supplier<T> setter) {
		try {
			return setter.get();
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			throw new InvalidConfigurationPropertyValueException(key, (value instanceof Path path) ? path.toString() : value,
					inPropertyTerms(String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * Core's messages end with what to call on the builder; a Spring user sets a property instead, so the hint names
	 * the property. A test pins each core message this rewrites.
	 */
	static String inPropertyTerms(String coreMessage) {
		return coreMessage.replace("use noTimeout() for no limit", "set railtracks.timeout-enabled=false for no limit")
			.replace("Use platformThreads().",
					"Set railtracks.execution.strategy=platform-threads (or auto, which picks them on this JVM).");
	}

	// null (an empty property) is passed on: core's builder rejects it with its own message
	private static @Nullable ExecutionStrategy strategy(RailtracksProperties.@Nullable Strategy strategy) {
		if (strategy == null) {
			return null;
		}
		return switch (strategy) {
			case AUTO -> ExecutionStrategy.auto();
			case VIRTUAL_THREADS -> ExecutionStrategy.virtualThreads();
			case PLATFORM_THREADS -> ExecutionStrategy.platformThreads();
		};
	}

}
