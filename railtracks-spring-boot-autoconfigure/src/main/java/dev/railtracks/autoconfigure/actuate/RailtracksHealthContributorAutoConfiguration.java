package dev.railtracks.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksHealthIndicator}; switch it off with
 * {@code management.health.railtracks.enabled=false}.
 */
@AutoConfiguration(after = RailtracksLifecycleAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RailtracksSessionTracker.class)
@ConditionalOnEnabledHealthIndicator("railtracks")
public final class RailtracksHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "railtracksHealthIndicator")
	RailtracksHealthIndicator railtracksHealthIndicator(RailtracksSessionTracker railtracksSessionTracker) {
		return new RailtracksHealthIndicator(railtracksSessionTracker);
	}

}
