package dev.railtracks.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.railtracks.Flow;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;
import dev.railtracks.autoconfigure.event.SessionStartedEvent;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableCrashProbe;
import dev.railtracks.durable.DurableFlow;

/**
 * An application with durable flows on the test database, executor id {@code rescuer}: the DBOS and
 * {@link Durability} beans are its own, and its one durable flow is the crash probe's. Properties:
 * {@code durable.database.url}, {@code durable.database.user}, {@code durable.executions} (the probe's file) and
 * {@code railtracks.state-directory}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DurableTestApplication {

	@Bean(destroyMethod = "shutdown")
	DBOS dbos(Environment environment) {
		return new DBOS(DBOSConfig.defaults("railtracks-durable-tests")
			.withDatabaseUrl(environment.getRequiredProperty("durable.database.url"))
			.withDbUser(environment.getRequiredProperty("durable.database.user"))
			.withDbPassword("")
			.withExecutorId("rescuer"));
	}

	@Bean
	Durability durability(DBOS dbos) {
		return Durability.on(dbos);
	}

	/** The probe's flow, made by the application's session factory: its sessions have the application's listeners. */
	@Bean
	DurableFlow<String> steps(Durability durability, SessionFactory sessions, Environment environment) {
		Flow<String> probe = DurableCrashProbe.flow(Path.of(environment.getRequiredProperty("durable.executions")),
				Path.of(environment.getRequiredProperty("railtracks.state-directory")), false);
		return durability.register(sessions.flow(probe.name(), probe.entryPoint()).build());
	}

	@Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	/** Launches DBOS once every durable flow is registered. */
	@Bean
	SmartInitializingSingleton launchDurability(Durability durability) {
		return durability::launch;
	}

	/** Spring Security is on the test classpath; this application is open to the test, writes included. */
	@Bean
	SecurityFilterChain openToTheTest(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/** Whether each session's started and closed events said it was recovered, by session id. */
	public static final class RecordedEvents {

		final Map<String, Boolean> started = new ConcurrentHashMap<>();

		final Map<String, Boolean> closed = new ConcurrentHashMap<>();

		@EventListener
		void on(SessionStartedEvent event) {
			this.started.put(event.getSessionId(), event.isRecovered());
		}

		@EventListener
		void on(SessionClosedEvent event) {
			this.closed.put(event.getSessionId(), event.isRecovered());
		}

	}

}
