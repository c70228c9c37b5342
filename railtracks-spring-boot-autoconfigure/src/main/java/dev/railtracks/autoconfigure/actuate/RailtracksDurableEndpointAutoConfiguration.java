package dev.railtracks.autoconfigure.actuate;

import dev.dbos.transact.DBOS;
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

import dev.railtracks.durable.Durability;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksDurableEndpoint}, created when the
 * application has a {@link Durability} (durable flows, {@code railtracks.durable.enabled=true}) and the endpoint is
 * available (exposed, e.g. {@code management.endpoints.web.exposure.include=railtracks,railtracksdurable}).
 */
@AutoConfiguration(afterName = "dev.railtracks.autoconfigure.durable.RailtracksDurableAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, Durability.class,
		DBOS.class })
@ConditionalOnAvailableEndpoint(RailtracksDurableEndpoint.class)
@ConditionalOnBean(Durability.class)
@EnableConfigurationProperties(RailtracksEndpointProperties.class)
public final class RailtracksDurableEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksDurableEndpoint railtracksDurableEndpoint(Durability durability, RailtracksEndpointProperties properties) {
		// Failures' messages are masked as the railtracks endpoint masks values.
		return new RailtracksDurableEndpoint(durability.runs(), properties.getShowValues(), properties.getRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RailtracksDurableEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	RailtracksDurableEndpointWebExtension railtracksDurableEndpointWebExtension(RailtracksDurableEndpoint endpoint) {
		return new RailtracksDurableEndpointWebExtension(endpoint);
	}

}
