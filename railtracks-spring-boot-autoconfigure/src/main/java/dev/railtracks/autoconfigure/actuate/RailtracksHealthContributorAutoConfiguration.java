package dev.railtracks.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.store.JdbcSessionStore;
import dev.railtracks.autoconfigure.store.RailtracksSessionStoreAutoConfiguration;
import dev.railtracks.store.SessionWriter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksHealthIndicator} and, with the JDBC
 * session store, the {@link RailtracksStoreHealthIndicator}; switch them off with
 * {@code management.health.railtracks.enabled=false}.
 */
@AutoConfiguration(after = { RailtracksLifecycleAutoConfiguration.class, RailtracksSessionStoreAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RailtracksSessionTracker.class)
@ConditionalOnEnabledHealthIndicator("railtracks")
public final class RailtracksHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "railtracksHealthIndicator")
	RailtracksHealthIndicator railtracksHealthIndicator(RailtracksSessionTracker railtracksSessionTracker) {
		return new RailtracksHealthIndicator(railtracksSessionTracker);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
	@ConditionalOnBean(JdbcSessionStore.class)
	static class StoreHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "railtracksStoreHealthIndicator")
		RailtracksStoreHealthIndicator railtracksStoreHealthIndicator(JdbcSessionStore store,
				ObjectProvider<SessionWriter> writer) {
			return new RailtracksStoreHealthIndicator(store, writer.getIfAvailable());
		}

	}

}
