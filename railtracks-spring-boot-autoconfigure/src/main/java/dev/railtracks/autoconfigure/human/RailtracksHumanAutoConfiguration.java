package dev.railtracks.autoconfigure.human;

import java.util.Set;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

import dev.railtracks.HumanRequests;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.ExecutorConfigCustomizer;
import dev.railtracks.autoconfigure.viz.ShowValues;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for human in the loop: one {@link HumanRequests} registry that
 * every session of the application asks through (an {@link ExecutorConfigCustomizer} sets it), its Spring events,
 * its meters (when Micrometer is present), the {@code humanrequests} actuator endpoint (when available) and, in
 * Spring MVC applications, the HTTP API ({@link HumanRequestsController}) when {@code railtracks.human.web.enabled}
 * is set (it is off by default: it approves and changes calls, so it is for applications that secure it). The HTTP API
 * shows the arguments of calls to approve by {@code railtracks.endpoint.show-values} and {@code railtracks.endpoint.roles},
 * as the {@code railtracks} endpoint shows values: masked ({@code ******}) unless they allow it.
 */
@AutoConfiguration
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties(RailtracksHumanProperties.class)
public final class RailtracksHumanAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HumanRequests railtracksHumanRequests() {
		return new HumanRequests();
	}

	@Bean
	ExecutorConfigCustomizer railtracksHumanRequestsCustomizer(HumanRequests railtracksHumanRequests) {
		return (builder) -> builder.humanRequests(railtracksHumanRequests);
	}

	@Bean
	@ConditionalOnMissingBean
	HumanRequestEventPublisher railtracksHumanRequestEventPublisher(HumanRequests railtracksHumanRequests,
			ApplicationEventPublisher publisher) {
		return new HumanRequestEventPublisher(railtracksHumanRequests, publisher);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static final class Metrics {

		@Bean
		@ConditionalOnMissingBean
		HumanRequestsMeterBinder railtracksHumanRequestsMeterBinder(HumanRequests railtracksHumanRequests) {
			return new HumanRequestsMeterBinder(railtracksHumanRequests);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnAvailableEndpoint(HumanRequestsEndpoint.class)
	static final class Actuator {

		@Bean
		@ConditionalOnMissingBean
		HumanRequestsEndpoint humanRequestsEndpoint(HumanRequests railtracksHumanRequests) {
			return new HumanRequestsEndpoint(railtracksHumanRequests);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DispatcherServlet.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty("railtracks.human.web.enabled")
	static final class Web {

		private static final String ENDPOINT_SHOW_VALUES = "railtracks.endpoint.show-values";

		private static final String ENDPOINT_ROLES = "railtracks.endpoint.roles";

		@Bean
		@ConditionalOnMissingBean
		HumanRequestsController railtracksHumanRequestsController(HumanRequests railtracksHumanRequests,
				Environment environment) {
			// The endpoint's keys are read here, not through its properties class, which needs Actuator.
			Binder binder = Binder.get(environment);
			return new HumanRequestsController(railtracksHumanRequests,
					binder.bind(ENDPOINT_SHOW_VALUES, ShowValues.class).orElse(ShowValues.NEVER),
					binder.bind(ENDPOINT_ROLES, Bindable.setOf(String.class)).orElse(Set.of()));
		}

	}

}
