/**
 * Spring Boot auto-configuration for Railtracks: properties, {@link dev.railtracks.autoconfigure.SessionFactory},
 * the application-event bridge, {@link dev.railtracks.autoconfigure.RailtracksNode} bean methods and metrics.
 */
@NullMarked
package dev.railtracks.autoconfigure;

import org.jspecify.annotations.NullMarked;
