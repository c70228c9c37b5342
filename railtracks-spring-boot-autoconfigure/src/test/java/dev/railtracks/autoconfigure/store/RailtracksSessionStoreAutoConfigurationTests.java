package dev.railtracks.autoconfigure.store;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksSessionStoreAutoConfiguration} without a database: the default stays the files, a bad
 * {@code railtracks.store.*} value or a missing piece fails startup naming the property.
 */
class RailtracksSessionStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RailtracksSessionStoreAutoConfiguration.class, RailtracksAutoConfiguration.class));

	@Test
	void byDefaultSessionsSaveAsFilesAndNoStoreBeanIsMade() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SessionStore.class);
			assertThat(context.getBean(ExecutorConfig.class).sessionStore()).isInstanceOf(FileSessionStore.class);
		});
	}

	@Test
	void badValuesFailStartupNamingTheProperty() {
		assertFailsNaming("railtracks.store.list-limit=0", "railtracks.store.list-limit", "must be at least 1");
		assertFailsNaming("railtracks.store.jdbc.table=x;drop", "railtracks.store.jdbc.table",
				"must be letters, digits and '_'");
		assertFailsNaming("railtracks.store.jdbc.schema=a-b", "railtracks.store.jdbc.schema",
				"must be letters, digits and '_'");
		assertFailsNaming("railtracks.store.jdbc.max-document-size=2GB", "railtracks.store.jdbc.max-document-size",
				"at most 1GB");
	}

	@Test
	void jdbcWithoutSpringJdbcFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.store.type=jdbc")
			.withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("railtracks.store.type=jdbc needs spring-jdbc on the classpath")
				.hasMessageContaining("railtracks.store.type=file"));
	}

	private void assertFailsNaming(String property, String key, String reason) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(key)
				.hasMessageContaining(reason));
	}

}
