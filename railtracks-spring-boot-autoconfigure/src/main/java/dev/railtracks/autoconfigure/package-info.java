/**
 * Spring Boot auto-configuration for Railtracks, the types an application touches first: its properties
 * ({@link dev.railtracks.autoconfigure.RailtracksProperties}, checked by
 * {@link dev.railtracks.autoconfigure.PropertyCheck}), the {@link dev.railtracks.autoconfigure.SessionFactory},
 * {@link dev.railtracks.autoconfigure.ExecutorConfigCustomizer} and the core auto-configuration. Each concern has its
 * own package: {@code event}, {@code flow}, {@code lifecycle}, {@code observation}, {@code agent}, {@code ai},
 * {@code actuate}, {@code viz} and {@code web}.
 */
@NullMarked
package dev.railtracks.autoconfigure;

import org.jspecify.annotations.NullMarked;
