package dev.railtracks.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assertion that a context failed to start on one bad property, as {@link PropertyCheck} reports it.
 */
public final class InvalidPropertyAssertions {

	private InvalidPropertyAssertions() {
	}

	/**
	 * Asserts that the context failed with an {@link InvalidConfigurationPropertyValueException} naming a property.
	 * @param key the property
	 * @param reason the reason, exactly
	 * @return the assertion, for {@code ApplicationContextRunner.run}
	 */
	public static ContextConsumer<AssertableApplicationContext> failsOn(String key, String reason) {
		return (context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(key);
				assertThat(ex.getReason()).isEqualTo(reason);
			});
	}

}
