package dev.railtracks.autoconfigure.store;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the session store: with {@code railtracks.store.type=jdbc},
 * a {@link JdbcSessionStore} on the application's {@link DataSource}, its table created or checked at startup, which
 * the {@code ExecutorConfig} saves to (through the session writer) and the visualiser, the {@code railtracks} endpoint
 * and retention read. Without a {@code DataSource} or {@code spring-jdbc}, startup fails naming the property. The
 * default ({@code file}) needs no bean: the {@code ExecutorConfig} saves to the state directory.
 */
@AutoConfiguration(before = RailtracksAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties(RailtracksStoreProperties.class)
public final class RailtracksSessionStoreAutoConfiguration {

	private static final String JDBC_CLIENT = "org.springframework.jdbc.core.simple.JdbcClient";

	private static final String STORE_BEAN = "railtracksSessionStore";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "railtracks.store.type", havingValue = "jdbc")
	@ConditionalOnClass(name = JDBC_CLIENT)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionStore.class)
		JdbcSessionStore railtracksSessionStore(ObjectProvider<DataSource> dataSource,
				RailtracksStoreProperties properties, ConfigurableListableBeanFactory beanFactory) {
			// Checked here rather than by a condition, so that a missing DataSource is a clear error, not files.
			DataSource database = dataSource.getIfUnique();
			if (database == null) {
				throw new IllegalStateException("railtracks.store.type=jdbc needs one DataSource bean, and there is "
						+ ((dataSource.stream().findAny().isPresent()) ? "more than one" : "none")
						+ ": configure spring.datasource.url (with spring-boot-starter-jdbc and the PostgreSQL "
						+ "driver), or set railtracks.store.type=file");
			}
			RailtracksStoreProperties.Jdbc jdbc = properties.getJdbc();
			JdbcSessionStore store = new JdbcSessionStore(database, jdbc.getSchema(), jdbc.getTable(),
					jdbc.getMaxDocumentSize().toBytes());
			store.initialize();
			// At shutdown the session writer saves what is queued: it must close before the store's DataSource.
			for (String dataSourceName : beanFactory.getBeanNamesForType(DataSource.class, false, false)) {
				beanFactory.registerDependentBean(dataSourceName, STORE_BEAN);
			}
			for (String writerName : beanFactory.getBeanNamesForType(SessionWriter.class, false, false)) {
				beanFactory.registerDependentBean(STORE_BEAN, writerName);
			}
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "railtracks.store.type", havingValue = "jdbc")
	@ConditionalOnMissingClass(JDBC_CLIENT)
	static class MissingJdbcConfiguration {

		@Bean
		SessionStore railtracksSessionStore() {
			throw new IllegalStateException("railtracks.store.type=jdbc needs spring-jdbc on the classpath: add "
					+ "org.springframework.boot:spring-boot-starter-jdbc and the PostgreSQL driver, or set "
					+ "railtracks.store.type=file");
		}

	}

}
