package dev.railtracks.autoconfigure.viz;

import java.net.URI;
import java.util.Set;

import dev.dbos.transact.DBOS;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.store.RailtracksStoreProperties;
import dev.railtracks.durable.Durability;
import dev.railtracks.viz.SessionBrowser;
import dev.railtracks.viz.VizUi;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the visualiser in a Spring MVC application, when
 * {@code railtracks.viz.enabled=true}: the web UI at {@code railtracks.viz.path} (default {@code /railtracks/}) and
 * its read-only JSON API ({@code api/sessions}, {@code api/sessions/{id}}) over the running and recently closed
 * sessions and the saved ones in the session store (the state directory's files, or with
 * {@code railtracks.store.type=jdbc} the whole fleet's sessions), answered by a {@link SessionBrowser} as in the
 * command-line server. Values are masked by {@code railtracks.viz.show-values} and {@code railtracks.viz.roles}, each falling back
 * to its {@code railtracks.endpoint.*} counterpart when unset, so without either the visualiser masks as the
 * {@code railtracks} endpoint does; Actuator is not needed. The routes are ordinary MVC routes, so the application's
 * own security applies to them. With durable flows (a {@link Durability} bean) it also lists the durable runs, and
 * with {@code railtracks.viz.durable-operations=true} cancels, resumes and forks them ({@link VizDurableApi}:
 * JSON-only writes, under the application's security; without that property the writes are not served).
 */
@AutoConfiguration(after = RailtracksLifecycleAutoConfiguration.class,
		afterName = "dev.railtracks.autoconfigure.durable.RailtracksDurableAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty("railtracks.viz.enabled")
@ConditionalOnBean({ RailtracksSessionTracker.class, ExecutorConfig.class })
@EnableConfigurationProperties({ RailtracksVizProperties.class, RailtracksStoreProperties.class })
public final class RailtracksVizAutoConfiguration {

	private static final String ENDPOINT_SHOW_VALUES = "railtracks.endpoint.show-values";

	private static final String ENDPOINT_ROLES = "railtracks.endpoint.roles";

	@Bean
	@ConditionalOnMissingBean
	RailtracksVisualiser railtracksVisualiser(RailtracksVizProperties properties, Environment environment) {
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		return new RailtracksVisualiser(contextPath.replaceAll("/$", "") + properties.getPath());
	}

	@Bean
	@ConditionalOnMissingBean(name = "railtracksVizRoutes")
	RouterFunction<ServerResponse> railtracksVizRoutes(RailtracksVizProperties properties,
			RailtracksStoreProperties storeProperties, RailtracksSessionTracker railtracksSessionTracker,
			ExecutorConfig executorConfig, Environment environment) {
		SessionBrowser browser = new SessionBrowser(executorConfig.sessionStore(), storeProperties.getListLimit(),
				new TrackedSessions(railtracksSessionTracker));
		VizApi api = new VizApi(browser, showValues(properties, environment), roles(properties, environment));
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

	/** {@code railtracks.viz.show-values}, else {@code railtracks.endpoint.show-values}, else never. */
	static ShowValues showValues(RailtracksVizProperties properties, Environment environment) {
		ShowValues showValues = properties.getShowValues();
		// The endpoint's keys are read here, not through its properties class, which needs Actuator.
		return (showValues != null) ? showValues
				: Binder.get(environment).bind(ENDPOINT_SHOW_VALUES, ShowValues.class).orElse(ShowValues.NEVER);
	}

	/** {@code railtracks.viz.roles}, else {@code railtracks.endpoint.roles}, else none. */
	static Set<String> roles(RailtracksVizProperties properties, Environment environment) {
		Set<String> roles = properties.getRoles();
		return (roles != null) ? roles
				: Binder.get(environment).bind(ENDPOINT_ROLES, Bindable.setOf(String.class)).orElse(Set.of());
	}

	/** The durable runs' routes, with durable flows. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Durability.class, DBOS.class })
	static final class DurableRunRoutes {

		@Bean
		@ConditionalOnBean(Durability.class)
		@ConditionalOnMissingBean(name = "railtracksVizDurableRoutes")
		RouterFunction<ServerResponse> railtracksVizDurableRoutes(RailtracksVizProperties properties,
				Durability durability, Environment environment) {
			boolean operations = properties.isDurableOperations();
			VizDurableApi api = new VizDurableApi(durability.runs(), operations, showValues(properties, environment),
					roles(properties, environment));
			String path = properties.getPath();
			RouterFunctions.Builder routes = RouterFunctions.route().GET(path + "/api/durable/runs", api::runs);
			if (operations) {
				// Writes only when asked for: with them off, a POST here is a 404 like any unknown route.
				routes.POST(path + "/api/durable/runs/{runId}/{operation}", api::operate);
			}
			return routes.build();
		}

	}

}
