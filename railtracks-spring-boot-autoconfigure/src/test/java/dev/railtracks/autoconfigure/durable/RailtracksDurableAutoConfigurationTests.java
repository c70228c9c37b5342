package dev.railtracks.autoconfigure.durable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.Queue;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import example.trips.Trip;
import example.trips.TripApplication;
import example.trips.TripNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import dev.railtracks.Flow;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.autoconfigure.actuate.RailtracksDurableEndpoint;
import dev.railtracks.autoconfigure.flow.RailtracksFlows;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.durable.DurableRunQuery;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Durable flows in a real Spring Boot application on a real PostgreSQL database (the one {@code .ci/postgres} starts):
 * a durable {@code Flow} bean and a durable {@code railtracks.flows} flow run once per idempotency key, a run under way
 * when the context closes stays pending and the next context with the same executor id finishes it, and health.
 */
@ExtendWith(OutputCaptureExtension.class)
class RailtracksDurableAutoConfigurationTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private PostgresTestDatabase database;

	@BeforeEach
	void createDatabase() {
		TripNodes.reset();
		this.database = PostgresTestDatabase.create("durablespring");
	}

	@AfterEach
	void closeContextsAndDropDatabase() {
		TripNodes.reset();
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.database.close();
	}

	@Test
	void aDurableFlowBeanAndADurablePropertyFlowRunOncePerKey() {
		ConfigurableApplicationContext context = start("instance-1");
		DurableFlows durableFlows = context.getBean(DurableFlows.class);
		assertThat(durableFlows.names()).containsExactlyInAnyOrder("itinerary", "greeting");
		assertThat(context.getBean("dbos")).isSameAs(context.getBean(Durability.class).dbos());

		DurableFlow<String> itinerary = durableFlows.get("itinerary");
		// The record is a type of the application's package: allowed by default.
		assertThat(itinerary.invoke("order-1", new Trip("Lisbon", 3))).isEqualTo("sunny in Lisbon; 3 nights in Lisbon");
		assertThat(itinerary.invoke("order-1", new Trip("Lisbon", 3))).isEqualTo("sunny in Lisbon; 3 nights in Lisbon");
		assertThat(TripNodes.executions("plan")).isEqualTo(1);
		assertThat(TripNodes.executions("book")).isEqualTo(1);

		DurableFlow<String> greeting = durableFlows.get("greeting");
		assertThat(greeting.invoke("greet-1", "Ada")).isEqualTo("hello Ada");
		assertThat(greeting.invoke("greet-1", "Ada")).isEqualTo("hello Ada");
		assertThat(TripNodes.executions("greet")).isEqualTo(1);
		assertThat(context.getBean(DBOS.class).retrieveWorkflow("greet-1").getStatus().status())
			.isEqualTo(WorkflowState.SUCCESS);

		// Never silently without checkpoints: the plain flows refuse, naming where they run.
		Flow<String> bean = context.getBean("itinerary", Flow.class);
		assertThatIllegalStateException().isThrownBy(() -> bean.invoke(new Trip("Porto", 1)))
			.withMessageContaining("DurableFlows.get(\"itinerary\")");
		Flow<String> declared = context.getBean(RailtracksFlows.class).get("greeting");
		assertThatIllegalStateException().isThrownBy(() -> declared.invoke("Grace"))
			.withMessageStartingWith("Flow 'greeting' is durable");
		assertThat(TripNodes.executions("plan")).isEqualTo(1);
		assertThat(TripNodes.executions("greet")).isEqualTo(1);
	}

	@Test
	void aRunUnderWayAtShutdownStaysPendingAndTheNextInstanceWithTheExecutorIdFinishesIt() throws Exception {
		ConfigurableApplicationContext first = start("instance-1");
		DurableFlow<String> itinerary = first.getBean(DurableFlows.class).get("itinerary");
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			var bookingStarted = TripNodes.holdBookings();
			Future<String> abandoned = caller.submit(() -> itinerary.invoke("order-2", new Trip("Faro", 2)));
			assertThat(bookingStarted.await(30, TimeUnit.SECONDS)).as("the booking started").isTrue();
			Health health = first.getBean(RailtracksDurableHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("executorId", "instance-1").containsEntry("pending", 1);

			// A deploy: DBOS stops after the web server's graceful shutdown and before Railtracks closes the open
			// session, whose cancelled run would otherwise be recorded as failed (whether it is, is a race).
			int durablePhase = first.getBean(DurableLifecycle.class).getPhase();
			assertThat(durablePhase).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
				.isGreaterThan(first.getBean("railtracksShutdownLifecycle", SmartLifecycle.class).getPhase());
			first.close();
			assertThat(abandoned).failsWithin(Duration.ofSeconds(30));
		}
		finally {
			caller.shutdownNow();
		}
		TripNodes.reset();

		ConfigurableApplicationContext second = start("instance-1");
		String finished = second.getBean(DurableFlows.class).<String>get("itinerary").result("order-2");

		assertThat(finished).isEqualTo("sunny in Faro; 2 nights in Faro");
		// Only the calls that had not completed ran again: the root and the booking; the weather was replayed.
		assertThat(TripNodes.executions("weather")).isZero();
		assertThat(TripNodes.executions("plan")).isEqualTo(1);
		assertThat(TripNodes.executions("book")).isEqualTo(1);
		WorkflowStatus status = second.getBean(DBOS.class).retrieveWorkflow("order-2").getStatus();
		assertThat(status.status()).isEqualTo(WorkflowState.SUCCESS);
		assertThat(second.getBean(RailtracksDurableHealthIndicator.class).health(true).getDetails())
			.containsEntry("pending", 0);
	}

	@Test
	void aQueueDeclaredInPropertiesCarriesABatchOfADurableRunWithinItsLimits() {
		ConfigurableApplicationContext context = start("instance-1", "railtracks.durable.queues.forecasts.concurrency=2",
				"railtracks.durable.queues.forecasts.worker-concurrency=1",
				"railtracks.durable.queues.forecasts.rate-limit.limit=100",
				"railtracks.durable.queues.forecasts.rate-limit.period=1m",
				"railtracks.durable.queues.forecasts.polling-interval=20ms", "railtracks.durable.queued-nodes=weather",
				"railtracks.flows.forecasting.node=forecasts", "railtracks.flows.forecasting.durable=true");
		DBOS dbos = context.getBean(DBOS.class);
		Queue queue = dbos.getQueue("forecasts").orElseThrow();
		assertThat(queue.concurrency()).isEqualTo(2);
		assertThat(queue.workerConcurrency()).isEqualTo(1);
		assertThat(queue.rateLimit()).isEqualTo(new Queue.RateLimit(100, Duration.ofMinutes(1)));
		assertThat(queue.pollingInterval()).isEqualTo(Duration.ofMillis(20));

		List<Trip> trips = List.of(new Trip("Lisbon", 1), new Trip("Porto", 2), new Trip("Faro", 3));
		List<String> forecasts = context.getBean(DurableFlows.class).<List<String>>get("forecasting")
			.invoke("forecasts-1", trips);

		assertThat(forecasts).containsExactly("sunny in Lisbon", "sunny in Porto", "sunny in Faro");
		// Each forecast was a child workflow of the run, on the queue.
		assertThat(dbos.listWorkflows(new ListWorkflowsInput().withParentWorkflowId("forecasts-1")))
			.extracting(WorkflowStatus::queueName)
			.containsExactly("forecasts", "forecasts", "forecasts");
	}

	@Test
	void theRailtracksdurableEndpointAndTheVisualisersDurableRoutesOperateTheAutoConfiguredRuns() throws Exception {
		ConfigurableApplicationContext context = start("instance-1", "spring.main.web-application-type=servlet",
				"server.port=0", "management.endpoints.web.exposure.include=railtracksdurable",
				"railtracks.viz.enabled=true", "spring.security.user.name=ops", "spring.security.user.password=secret");
		context.getBean(DurableFlows.class).<String>get("greeting").invoke("greet-web", "Ada");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		assertThat(context.getBeanNamesForType(RailtracksDurableEndpoint.class)).hasSize(1);
		assertThat(context.containsBean("railtracksVizDurableRoutes")).as("the visualiser's durable routes").isTrue();

		assertThat(get(port, "/actuator/railtracksdurable")).contains("\"id\":\"greet-web\"");
		assertThat(get(port, "/actuator/railtracksdurable/greet-web")).contains("greet");
		assertThat(get(port, "/railtracks/api/durable/runs")).contains("greet-web");
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				// Spring Security is on the test classpath: its default basic authentication, as a user's actuator.
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:secret".getBytes()))
				.GET()
				.build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	@Test
	void theModelRoundsOfEveryAgentAreCheckpointedOutermost() {
		ConfigurableApplicationContext context = start("instance-1");
		Durability durability = context.getBean(Durability.class);
		assertThat(context.getBeanProvider(ModelMiddleware.class).orderedStream().findFirst())
			.contains(durability.modelRounds());
	}

	@Test
	void dbosLaunchesBeforeTheWebServerStartsServing() {
		ConfigurableApplicationContext context = start(List.of(LaunchedWhenTheWebServerStarts.class), "instance-1");
		// A lifecycle in the web server's phase finds DBOS launched: no request meets a DBOS not yet launched.
		assertThat(context.getBean(LaunchedWhenTheWebServerStarts.class).launched).isTrue();
	}

	@Test
	void aContextStoppedAndStartedAgainRegistersNothingTwice() {
		ConfigurableApplicationContext context = start("instance-1", "railtracks.durable.queued-nodes=weather",
				"management.health.railtracksdurable.enabled=false");
		// The health indicator has its own key.
		assertThat(context.getBeanNamesForType(RailtracksDurableHealthIndicator.class)).isEmpty();
		context.stop();
		context.start();
		assertThat(context.getBean(DurableFlows.class).<String>get("greeting").invoke("greet-2", "Ada"))
			.isEqualTo("hello Ada");
	}

	@Test
	void propertiesThatAnApplicationsDbosBeanIgnoresAreWarnedAbout(CapturedOutput output) {
		ConfigurableApplicationContext context = start(List.of(OwnDbos.class), "instance-1",
				"railtracks.durable.application-version=v7");
		assertThat(context.getBean(DBOS.class).integration().config().executorId()).isEqualTo("own");
		assertThat(output).contains("railtracks.durable.executor-id=instance-1 is ignored")
			.contains("railtracks.durable.application-version=v7 is ignored");
	}

	private ConfigurableApplicationContext start(String executorId, String... properties) {
		return start(List.of(), executorId, properties);
	}

	private ConfigurableApplicationContext start(List<Class<?>> sources, String executorId, String... properties) {
		List<String> all = new ArrayList<>(List.of("railtracks.durable.enabled=true",
				"railtracks.durable.executor-id=" + executorId, "spring.main.web-application-type=none",
				"railtracks.logging-setting=none", "railtracks.save-state=false",
				"railtracks.flows.greeting.node=greet", "railtracks.flows.greeting.durable=true",
				"trips.database.url=" + this.database.url()));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TripApplication.class)
			.sources(sources.toArray(Class<?>[]::new))
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	/** A lifecycle in the web server's start phase that records whether DBOS was launched when it started. */
	static class LaunchedWhenTheWebServerStarts implements SmartLifecycle {

		private final Durability durability;

		private volatile boolean running;

		volatile boolean launched;

		LaunchedWhenTheWebServerStarts(Durability durability) {
			this.durability = durability;
		}

		@Override
		public void start() {
			try {
				this.durability.runs().list(DurableRunQuery.all());
				this.launched = true;
			}
			catch (RuntimeException ex) {
				// "Cannot call ... before DBOS is launched"
				this.launched = false;
			}
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
		}

	}

	/** The application's own DBOS bean, with its own executor id. */
	static class OwnDbos {

		@Bean
		DBOS dbos(DataSource dataSource) {
			return new DBOS(DBOSConfig.defaults("trips").withDataSource(dataSource).withExecutorId("own"));
		}

	}

}
