package dev.railtracks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpoint;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpointAutoConfiguration;
import dev.railtracks.autoconfigure.actuate.SessionGraphDescriptor;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.observation.RailtracksMetricsAutoConfiguration;
import dev.railtracks.autoconfigure.observation.RailtracksSessionsMeterBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A node output that cannot be data (a record reaching itself through a list) never leaves a Spring-made session
 * "active": closing it publishes {@link SessionClosedEvent}, the active-sessions gauge goes back down, and the
 * actuator endpoint shows the session's graph with the value as the placeholder text.
 */
class UnserializableValuesTests {

	/** Reaches itself through its list. */
	public record Loop(String name, List<Object> items) {
	}

	static final FunctionNode<Loop> LOOPING = FunctionNode.of("looping", () -> {
		Loop loop = new Loop("loop", new ArrayList<>());
		loop.items().add(loop);
		return loop;
	});

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				RailtracksEndpointAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(ClosedSessions.class)
		.withPropertyValues("railtracks.save-state=false", "management.endpoints.web.exposure.include=railtracks",
				"railtracks.endpoint.show-values=always");

	static class ClosedSessions implements ApplicationListener<SessionClosedEvent> {

		final List<String> ids = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(SessionClosedEvent event) {
			this.ids.add(event.getSessionId());
		}

	}

	@Test
	@SuppressWarnings("unchecked")
	void closingNotifiesTheGaugeEventsAndEndpointAndTheGraphShowsThePlaceholder() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Session session = context.getBean(SessionFactory.class).create();
			session.runSync(LOOPING);
			assertThat(registry.get(RailtracksSessionsMeterBinder.ACTIVE_SESSIONS).gauge().value()).isEqualTo(1);
			assertThatCode(session::close).doesNotThrowAnyException();

			assertThat(registry.get(RailtracksSessionsMeterBinder.ACTIVE_SESSIONS).gauge().value()).isZero();
			assertThat(context.getBean(ClosedSessions.class).ids).containsExactly(session.identifier());
			SessionGraphDescriptor graph = context.getBean(RailtracksEndpoint.class)
				.session(SecurityContext.NONE, session.identifier());
			assertThat(graph).isNotNull();
			List<Map<String, Object>> edges = (List<Map<String, Object>>) graph.graph().get("edges");
			Map<String, Object> details = (Map<String, Object>) edges.get(0).get("details");
			assertThat(details.get("status")).isEqualTo("Completed");
			assertThat((String) details.get("output")).startsWith("< Unable to serialize " + Loop.class.getName() + " > ");
		});
	}

}
