package dev.railtracks.autoconfigure.durable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Session;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksFlows;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableQueue;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for durable flows, with {@code railtracks.durable.enabled=true}
 * and DBOS Transact ({@code dev.dbos:transact}) on the class path: the {@code dbos} bean on the application's
 * PostgreSQL {@link DataSource}, the {@code durability} bean on it, the {@link DurableFlows} of the durable
 * {@code Flow} beans and {@code railtracks.flows.*} flows, the checkpointing of agents' model rounds (a
 * {@link ModelMiddleware} bean, outermost), DBOS launched and shut down with the context ({@link DurableLifecycle})
 * and the {@code railtracksDurable} health contributor. A {@code DBOS} or {@link Durability} bean of the application
 * replaces the one made here; it is launched here, once every durable flow is registered. Startup fails, naming the
 * cause, when DBOS is missing, when there is no PostgreSQL {@code DataSource} or its database does not answer, and
 * when a flow is durable while durability is off.
 */
@AutoConfiguration(after = RailtracksFlowAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties(RailtracksDurableProperties.class)
public final class RailtracksDurableAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksDurableAutoConfiguration.class);

	private static final String DBOS_CLASS = "dev.dbos.transact.DBOS";

	private static final String ENABLED = "railtracks.durable.enabled";

	/** Every {@code Flow} bean and {@code railtracks.flows.*} flow, for the durable ones to be found among them. */
	static Collection<Flow<?>> flows(ListableBeanFactory beans, ObjectProvider<RailtracksFlows> declared) {
		List<Flow<?>> flows = new ArrayList<>();
		beans.getBeansOfType(Flow.class).values().forEach(flows::add);
		declared.ifAvailable((railtracksFlows) -> railtracksFlows.names()
			.forEach((name) -> flows.add(railtracksFlows.get(name))));
		return flows;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ENABLED)
	@ConditionalOnClass(name = DBOS_CLASS)
	static class DurableConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DBOS dbos(ObjectProvider<DataSource> dataSources, RailtracksDurableProperties properties,
				Environment environment) {
			DataSource dataSource = dataSources.getIfUnique();
			if (dataSource == null) {
				throw new IllegalStateException(ENABLED + "=true needs one PostgreSQL DataSource bean, and there is "
						+ ((dataSources.stream().findAny().isPresent()) ? "more than one (mark one @Primary)" : "none")
						+ ": configure spring.datasource.url (with spring-boot-starter-jdbc and the PostgreSQL driver), "
						+ "or declare a DBOS bean");
			}
			requirePostgres(dataSource, environment);
			DBOSConfig config = DBOSConfig.defaults(environment.getProperty("spring.application.name", "railtracks"))
				.withDataSource(dataSource)
				.withExecutorId(executorId(properties));
			String version = properties.getApplicationVersion();
			return new DBOS((version != null) ? config.withAppVersion(version) : config);
		}

		@Bean
		@ConditionalOnMissingBean
		Durability durability(DBOS dbos, RailtracksDurableProperties properties, BeanFactory beanFactory) {
			List<String> packages = properties.getAllowedValuePackages();
			if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
				packages = AutoConfigurationPackages.get(beanFactory);
			}
			Durability durability = Durability.on(dbos).allowValuePackages(packages.toArray(String[]::new));
			properties.getQueues().forEach((name, queue) -> declareQueue(durability, name, queue));
			return durability;
		}

		@Bean
		@ConditionalOnMissingBean
		DurableFlows railtracksDurableFlows(Durability durability, ListableBeanFactory beans,
				ObjectProvider<RailtracksFlows> declared) {
			return new DurableFlows(durability, () -> flows(beans, declared));
		}

		@Bean
		DurableLifecycle railtracksDurableLifecycle(Durability durability) {
			return new DurableLifecycle(durability);
		}

		@Bean
		DurableLifecycle.Launch railtracksDurableLaunch(Durability durability, DurableFlows durableFlows,
				RailtracksDurableProperties properties, ObjectProvider<RailtracksNodeRegistry> nodes,
				ListableBeanFactory beans, ExecutorConfig config) {
			warnWhereIgnored(durability.dbos(), properties);
			return new DurableLifecycle.Launch(durability, () -> {
				durableFlows.registerAll();
				for (String name : properties.getQueuedNodes()) {
					durability.registerNode(queuedNode(name, nodes, beans), config);
				}
			});
		}

		/**
		 * Outermost, so that a round replayed from its checkpoint runs none of the other middleware (nor the retry
		 * policy, which is innermost); it does nothing outside durable runs.
		 */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "railtracksDurableModelRounds")
		ModelMiddleware railtracksDurableModelRounds(Durability durability) {
			return durability.modelRounds();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
		@ConditionalOnEnabledHealthIndicator("railtracksdurable")
		static class DurableHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "railtracksDurableHealthIndicator")
			RailtracksDurableHealthIndicator railtracksDurableHealthIndicator(Durability durability) {
				DBOS dbos = durability.dbos();
				String executorId = dbos.integration().config().executorId();
				// DBOS's own default when none is configured.
				return new RailtracksDurableHealthIndicator(dbos, (executorId != null) ? executorId
						: System.getenv().getOrDefault("DBOS__VMID", "local"));
			}

		}

		/**
		 * Warns when the properties set an executor id or application version that the {@code DBOS} bean does not
		 * have: a {@code DBOS} bean of the application carries its own configuration, and the properties do not
		 * apply to it.
		 */
		private static void warnWhereIgnored(DBOS dbos, RailtracksDurableProperties properties) {
			DBOSConfig config = dbos.integration().config();
			String executorId = properties.getExecutorId();
			if (executorId != null && !executorId.equals(config.executorId())) {
				logger.warn("railtracks.durable.executor-id={} is ignored: the application's DBOS bean has executor id "
						+ "{}; set it with DBOSConfig.withExecutorId", executorId, config.executorId());
			}
			String version = properties.getApplicationVersion();
			if (version != null && !version.equals(config.appVersion())) {
				logger.warn("railtracks.durable.application-version={} is ignored: the application's DBOS bean has "
						+ "application version {}; set it with DBOSConfig.withAppVersion", version, config.appVersion());
			}
		}

		/**
		 * Declares a {@code railtracks.durable.queues.<name>} entry; a value the queue refuses fails startup naming
		 * the entry (and the queue's message, the limit).
		 */
		private static void declareQueue(Durability durability, String name, RailtracksDurableProperties.Queue queue) {
			String key = "railtracks.durable.queues." + name;
			Integer limit = queue.getRateLimit().getLimit();
			Duration period = queue.getRateLimit().getPeriod();
			if ((limit == null) != (period == null)) {
				throw new InvalidConfigurationPropertyValueException(key + ".rate-limit",
						(limit != null) ? "limit=" + limit : "period=" + period,
						"a rate limit needs both 'limit' and 'period' (starts per period)");
			}
			try {
				DurableQueue declared = DurableQueue.named(name).pollingInterval(queue.getPollingInterval());
				Integer concurrency = queue.getConcurrency();
				if (concurrency != null) {
					declared = declared.concurrency(concurrency);
				}
				Integer workerConcurrency = queue.getWorkerConcurrency();
				if (workerConcurrency != null) {
					declared = declared.workerConcurrency(workerConcurrency);
				}
				if (limit != null && period != null) {
					declared = declared.rateLimit(limit, period);
				}
				durability.queue(declared);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(key, "concurrency=" + queue.getConcurrency()
						+ ", worker-concurrency=" + queue.getWorkerConcurrency() + ", rate-limit=" + limit + " per "
						+ period + ", polling-interval=" + queue.getPollingInterval(), ex.getMessage());
			}
		}

		/** A node named in {@code railtracks.durable.queued-nodes}: a @RailtracksNode, else a NodeDefinition bean. */
		private static NodeDefinition<?> queuedNode(String name, ObjectProvider<RailtracksNodeRegistry> nodes,
				ListableBeanFactory beans) {
			RailtracksNodeRegistry registry = nodes.getIfAvailable();
			if (registry != null && registry.contains(name)) {
				return registry.get(name);
			}
			List<String> known = new ArrayList<>((registry != null) ? registry.names() : List.of());
			for (NodeDefinition<?> node : beans.getBeansOfType(NodeDefinition.class).values()) {
				if (node.name().equals(name)) {
					return node;
				}
				known.add(node.name());
			}
			throw new InvalidConfigurationPropertyValueException("railtracks.durable.queued-nodes", name,
					"a queued node is a @RailtracksNode or a NodeDefinition bean (an agent) of that name; known: " + known);
		}

		/** The configured executor id, else the host name: stable per pod of a StatefulSet, per machine. */
		private static String executorId(RailtracksDurableProperties properties) {
			String configured = properties.getExecutorId();
			if (configured != null) {
				if (configured.isBlank()) {
					throw new IllegalStateException("railtracks.durable.executor-id must not be blank; leave it unset "
							+ "for the host name");
				}
				return configured;
			}
			String hostname = System.getenv("HOSTNAME");
			if (hostname != null && !hostname.isBlank()) {
				return hostname;
			}
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException("railtracks.durable.executor-id is unset and the host name is unknown ("
						+ ex.getMessage() + "): set railtracks.durable.executor-id", ex);
			}
		}

		/** DBOS keeps its system database in PostgreSQL only: another database fails here, clearly, not in DBOS. */
		private static void requirePostgres(DataSource dataSource, Environment environment) {
			String product;
			String url;
			try (Connection connection = dataSource.getConnection()) {
				DatabaseMetaData metaData = connection.getMetaData();
				product = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
				url = metaData.getURL();
			}
			catch (SQLException | RuntimeException ex) {
				// A pool wraps the driver's failure (Hikari in a RuntimeException); the driver's names the host.
				String configured = environment.getProperty("spring.datasource.url");
				throw new IllegalStateException(ENABLED + "=true: cannot reach the DataSource's database"
						+ ((configured != null) ? " " + configured : "") + " to check that it is PostgreSQL ("
						+ driverMessage(ex) + ")", ex);
			}
			if (!product.toLowerCase(Locale.ROOT).startsWith("postgresql")) {
				throw new IllegalStateException(ENABLED + "=true needs a PostgreSQL DataSource, but the DataSource's "
						+ "database " + url + " is " + product + ": DBOS keeps durable runs in PostgreSQL only");
			}
		}

		/** The innermost SQL failure's message, which names the host and port ("Connection to host:port refused"). */
		private static @Nullable String driverMessage(Exception ex) {
			Throwable cause = ex;
			String message = ex.getMessage();
			while (cause != null) {
				if (cause instanceof SQLException) {
					message = cause.getMessage();
				}
				cause = cause.getCause();
			}
			return message;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ENABLED)
	@ConditionalOnMissingClass(DBOS_CLASS)
	static class MissingDbosConfiguration {

		@Bean
		Object durability() {
			throw new IllegalStateException(ENABLED + "=true needs DBOS Transact on the class path: add the "
					+ "dependency dev.dbos:transact, or set " + ENABLED + "=false");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ENABLED, havingValue = false, matchIfMissing = true)
	static class DisabledConfiguration {

		@Bean
		DurabilityOffCheck railtracksDurabilityOffCheck(ListableBeanFactory beans,
				ObjectProvider<RailtracksFlows> declared) {
			return new DurabilityOffCheck(() -> flows(beans, declared));
		}

	}

}
