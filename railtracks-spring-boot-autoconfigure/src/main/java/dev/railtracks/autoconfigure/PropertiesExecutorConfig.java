package dev.railtracks.autoconfigure;

import java.nio.file.Path;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.execution.ExecutionStrategy;

/**
 * Applies {@link RailtracksProperties} to an {@link ExecutorConfig.Builder}. The properties checked their values when
 * bound ({@link RailtracksProperties#afterPropertiesSet()}), so the builder's own checks pass.
 */
final class PropertiesExecutorConfig {

	/** The timeout's property, which the timeout's message and log line name in a Spring application. */
	static final String TIMEOUT = "railtracks.timeout";

	private PropertiesExecutorConfig() {
	}

	static ExecutorConfig.Builder builder(RailtracksProperties properties) {
		ExecutorConfig.Builder builder = ExecutorConfig.builder();
		if (properties.isTimeoutEnabled()) {
			builder.timeout(properties.getTimeout(), TIMEOUT);
		}
		else {
			builder.noTimeout();
		}
		builder.endOnError(properties.isEndOnError())
			.loggingSetting(properties.getLoggingSetting())
			.logFile(properties.getLogFile())
			.maxLogLength(properties.getMaxLogLength())
			.runIdentifier(properties.getRunIdentifier())
			.sessionName(properties.getSessionName())
			.promptInjection(properties.isPromptInjection())
			.saveState(properties.isSaveState())
			.executionStrategy(strategy(properties.getExecution().getStrategy()))
			.inlineSynchronousCalls(properties.getExecution().isInlineSynchronousCalls());
		Path stateDirectory = properties.getStateDirectory();
		if (stateDirectory != null) {
			builder.stateDirectory(stateDirectory);
		}
		return builder;
	}

	private static ExecutionStrategy strategy(RailtracksProperties.Strategy strategy) {
		return switch (strategy) {
			case AUTO -> ExecutionStrategy.auto();
			case VIRTUAL_THREADS -> ExecutionStrategy.virtualThreads();
			case PLATFORM_THREADS -> ExecutionStrategy.platformThreads();
		};
	}

}
