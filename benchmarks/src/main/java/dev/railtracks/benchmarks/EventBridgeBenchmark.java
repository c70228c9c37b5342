package dev.railtracks.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.event.RailtracksEvent;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;

/**
 * What the Spring event bridge adds to a session: a Spring Boot application (its own context listeners included)
 * with the Railtracks auto-configuration creates a session from its {@link SessionFactory}, runs a five-node chain
 * (five requests: ten messages, so twelve events with the session's start and close) and closes it. {@code listening}
 * is who takes Railtracks events: {@code no-bridge} is the same session without the bridge (the floor), {@code nobody}
 * the bridge with no Railtracks listener, {@code session-closed} one {@code ApplicationListener} bean of
 * {@link SessionClosedEvent}, {@code every-event} one of {@link RailtracksEvent} (all twelve events delivered, ten of
 * them through the session's delivery thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventBridgeBenchmark {

	@Param({ "no-bridge", "nobody", "session-closed", "every-event" })
	public String listening;

	private ConfigurableApplicationContext context;

	private SessionFactory factory;

	@Setup
	public void startApplication() {
		Class<?>[] sources = switch (this.listening) {
			case "session-closed" -> new Class<?>[] { BridgeApplication.class, SessionClosedCounter.class };
			case "every-event" -> new Class<?>[] { BridgeApplication.class, EveryEventCounter.class };
			default -> new Class<?>[] { BridgeApplication.class };
		};
		this.context = new SpringApplicationBuilder(sources)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("railtracks.save-state=false", "railtracks.logging-setting=NONE",
					"railtracks.timeout-enabled=false")
			.run();
		SessionFactory configured = this.context.getBean(SessionFactory.class);
		this.factory = "no-bridge".equals(this.listening) ? new SessionFactory(configured.config(), List.of())
				: configured;
	}

	@Benchmark
	public Object session() {
		try (Session session = this.factory.create()) {
			return session.runSync(BenchmarkNodes.CHAIN, 4).answer();
		}
	}

	@TearDown
	public void stopApplication() {
		this.context.close();
	}

	/** The application: the Railtracks auto-configuration and nothing else of its own. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RailtracksAutoConfiguration.class)
	static class BridgeApplication {

	}

	/** A listener of the close of each session. */
	static class SessionClosedCounter implements ApplicationListener<SessionClosedEvent> {

		long closed;

		@Override
		public void onApplicationEvent(SessionClosedEvent event) {
			this.closed++;
		}

	}

	/** A listener of every Railtracks event. */
	static class EveryEventCounter implements ApplicationListener<RailtracksEvent> {

		long events;

		@Override
		public void onApplicationEvent(RailtracksEvent event) {
			this.events++;
		}

	}

}
