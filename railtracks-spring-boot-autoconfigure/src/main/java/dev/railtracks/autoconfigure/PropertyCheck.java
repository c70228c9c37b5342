package dev.railtracks.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.railtracks.ExecutorConfig;

/**
 * The checks that {@code railtracks.*} properties classes run once bound, so that a bad value fails startup with
 * Spring Boot's failure analysis naming the property, its value and the reason, in the terms of the properties.
 */
public final class PropertyCheck {

	private PropertyCheck() {
	}

	/**
	 * Fails when a value is not valid.
	 * @param key the property's full name
	 * @param value the bound value
	 * @param valid whether the value is valid
	 * @param reason why a value is not valid, such as "must be at least 1"
	 * @throws InvalidConfigurationPropertyValueException naming the property, its value and the reason
	 */
	public static void require(String key, @Nullable Object value, boolean valid, String reason) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(key, value, reason);
		}
	}

	/**
	 * Whether a bound duration is set and longer than zero.
	 * @param duration the duration, {@code null} when the property was left empty
	 * @return {@code true} when positive
	 */
	public static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * Checks a timeout property as {@link ExecutorConfig.Builder#timeout(Duration, String)} would.
	 * @param key the property
	 * @param timeout its value, {@code null} when left empty
	 * @param hint what the user sets instead for no limit, appended to the reason
	 * @throws InvalidConfigurationPropertyValueException naming the property, its value and the reason
	 */
	public static void requireTimeout(String key, @Nullable Duration timeout, String hint) {
		require(key, timeout, isPositive(timeout), "must be positive" + hint);
		require(key, timeout, timeout == null || timeout.compareTo(ExecutorConfig.MAX_TIMEOUT) <= 0,
				"must be at most " + ExecutorConfig.MAX_TIMEOUT.toDays() + " days (the longest delay that can be scheduled)" + hint);
	}

}
