package dev.railtracks.autoconfigure.lifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.RailtracksProperties;
import dev.railtracks.store.RetentionPolicy;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the life of the application's sessions: the
 * {@link RailtracksSessionTracker session tracker}, the {@link RailtracksShutdownLifecycle lifecycle} that closes open
 * sessions at shutdown ({@code railtracks.shutdown.*}) and the retention of saved sessions in the session store
 * ({@code railtracks.state-retention.*}): files of the state directory, or rows of the JDBC store.
 */
@AutoConfiguration(after = RailtracksAutoConfiguration.class)
@ConditionalOnClass(Session.class)
public final class RailtracksLifecycleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksSessionTracker railtracksSessionTracker(RailtracksProperties properties) {
		return new RailtracksSessionTracker(properties.getRecentSessions());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "railtracks.shutdown.close-sessions", matchIfMissing = true)
	RailtracksShutdownLifecycle railtracksShutdownLifecycle(RailtracksSessionTracker tracker,
			RailtracksProperties properties) {
		return new RailtracksShutdownLifecycle(tracker, properties.getShutdown().getTimeout());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "railtracks.state-retention.enabled", matchIfMissing = true)
	SessionStoreRetention railtracksSessionStoreRetention(RailtracksProperties properties,
			ExecutorConfig executorConfig) {
		RailtracksProperties.StateRetention retention = properties.getStateRetention();
		RetentionPolicy policy = new RetentionPolicy(retention.getMaxFiles(), retention.getMaxAge(),
				retention.getMaxTotalSize().toBytes());
		return new SessionStoreRetention(policy, executorConfig, retention.getCheckInterval());
	}

}
