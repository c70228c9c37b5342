package dev.railtracks.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.store.RailtracksStoreProperties;
import dev.railtracks.autoconfigure.viz.RailtracksVisualiser;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksEndpoint}, created when the endpoint is
 * available (accessible and exposed, e.g. {@code management.endpoints.web.exposure.include=railtracks}).
 */
@AutoConfiguration(after = RailtracksLifecycleAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(RailtracksEndpoint.class)
@ConditionalOnBean({ RailtracksSessionTracker.class, ExecutorConfig.class })
@EnableConfigurationProperties({ RailtracksEndpointProperties.class, RailtracksStoreProperties.class })
public final class RailtracksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksEndpoint railtracksEndpoint(RailtracksSessionTracker railtracksSessionTracker,
			ExecutorConfig executorConfig, RailtracksStoreProperties storeProperties,
			RailtracksEndpointProperties properties, ObjectProvider<RailtracksVisualiser> visualiser) {
		return new RailtracksEndpoint(railtracksSessionTracker, executorConfig.sessionStore(),
				storeProperties.getListLimit(), properties.getShowValues(), properties.getRoles(),
				visualiser.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RailtracksEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	RailtracksEndpointWebExtension railtracksEndpointWebExtension(RailtracksEndpoint railtracksEndpoint) {
		return new RailtracksEndpointWebExtension(railtracksEndpoint);
	}

}
