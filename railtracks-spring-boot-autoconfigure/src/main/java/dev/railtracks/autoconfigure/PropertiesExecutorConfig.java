package dev.railtracks.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.execution.ExecutionStrategy;

/**
 * Applies {@link RailtracksProperties} to an {@link ExecutorConfig.Builder}, turning the builder's validation errors
 * into {@link InvalidConfigurationPropertyValueException}s that name the property and its value.
 */
final class PropertiesExecutorConfig {

	private PropertiesExecutorConfig() {
	}

	static ExecutorConfig.Builder builder(RailtracksProperties properties) {
		ExecutorConfig.Builder builder = ExecutorConfig.builder();
		if (properties.isTimeoutEnabled()) {
			try {
				builder.timeout(properties.getTimeout());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("railtracks.timeout", properties.getTimeout(),
						"The timeout must be positive; set railtracks.timeout-enabled=false for no time limit.");
			}
		}
		else {
			builder.noTimeout();
		}
		builder.endOnError(properties.isEndOnError());
		apply("railtracks.logging-setting", properties.getLoggingSetting(),
				() -> builder.loggingSetting(properties.getLoggingSetting()));
		apply("railtracks.log-file", properties.getLogFile(), () -> builder.logFile(properties.getLogFile()));
		apply("railtracks.run-identifier", properties.getRunIdentifier(),
				() -> builder.runIdentifier(properties.getRunIdentifier()));
		builder.sessionName(properties.getSessionName());
		builder.promptInjection(properties.isPromptInjection());
		builder.saveState(properties.isSaveState());
		apply("railtracks.state-directory", properties.getStateDirectory(),
				() -> builder.stateDirectory(properties.getStateDirectory()));
		RailtracksProperties.Strategy strategy = properties.getExecution().getStrategy();
		apply("railtracks.execution.strategy", strategy, () -> builder.executionStrategy(strategy(strategy)));
		builder.inlineSynchronousCalls(properties.getExecution().isInlineSynchronousCalls());
		return builder;
	}

	static void requireValid(RailtracksProperties properties) {
		if (properties.getRecentSessions() < 0) {
			throw new InvalidConfigurationPropertyValueException("railtracks.recent-sessions",
					properties.getRecentSessions(), "The number of remembered sessions must not be negative.");
		}
	}

	private static ExecutionStrategy strategy(RailtracksProperties.@Nullable Strategy strategy) {
		if (strategy == null) {
			throw new IllegalArgumentException("executionStrategy must not be null");
		}
		return switch (strategy) {
			case AUTO -> ExecutionStrategy.auto();
			case VIRTUAL_THREADS -> ExecutionStrategy.virtualThreads();
			case PLATFORM_THREADS -> ExecutionStrategy.platformThreads();
		};
	}

	private static void apply(String key, @Nullable Object value, Runnable setter) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			throw new InvalidConfigurationPropertyValueException(key, (value instanceof Path path) ? path.toString() : value,
					ex.getMessage());
		}
	}

}
