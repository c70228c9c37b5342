package dev.railtracks.autoconfigure.viz;

import java.net.URI;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.RailtracksVisualiser;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpointProperties;
import dev.railtracks.viz.SessionDirectory;
import dev.railtracks.viz.VizUi;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the visualiser in a Spring MVC application, when
 * {@code railtracks.viz.enabled=true}: the web UI at {@code railtracks.viz.path} (default {@code /railtracks/}) and
 * its read-only JSON API ({@code api/sessions}, {@code api/sessions/{id}}) over the running and recently closed
 * sessions and the saved files in the state directory. Values are masked by {@code railtracks.endpoint.show-values},
 * as in the {@code railtracks} endpoint. The routes are ordinary MVC routes, so the application's own security
 * applies to them.
 */
@AutoConfiguration(after = RailtracksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, Show.class })
@ConditionalOnBooleanProperty("railtracks.viz.enabled")
@ConditionalOnBean({ RailtracksSessionTracker.class, ExecutorConfig.class })
@EnableConfigurationProperties({ RailtracksVizProperties.class, RailtracksEndpointProperties.class })
public final class RailtracksVizAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksVisualiser railtracksVisualiser(RailtracksVizProperties properties, Environment environment) {
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		return new RailtracksVisualiser(contextPath.replaceAll("/$", "") + properties.getPath());
	}

	@Bean
	@ConditionalOnMissingBean(name = "railtracksVizRoutes")
	RouterFunction<ServerResponse> railtracksVizRoutes(RailtracksVizProperties properties,
			RailtracksSessionTracker railtracksSessionTracker, ExecutorConfig executorConfig,
			RailtracksEndpointProperties endpointProperties) {
		VizApi api = new VizApi(railtracksSessionTracker, new SessionDirectory(executorConfig.stateDirectory()),
				endpointProperties.getShowValues(), endpointProperties.getRoles());
		String path = properties.getPath();
		ClassPathResource index = new ClassPathResource(VizUi.LOCATION + VizUi.INDEX);
		return RouterFunctions.route()
			// The UI reads its API relative to its own address, which must end with '/'.
			.GET(path, (request) -> ServerResponse
				.permanentRedirect(URI.create(request.requestPath().contextPath().value() + path + "/"))
				.build())
			.GET(path + "/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(index))
			.GET(path + "/api/sessions", api::sessions)
			.GET(path + "/api/sessions/{sessionId}", api::session)
			.add(RouterFunctions.resources(path + "/**", new ClassPathResource(VizUi.LOCATION)))
			.build();
	}

}
