/**
 * The {@code railtracks} Actuator endpoint: active and recent sessions and one session's graph.
 */
@NullMarked
package dev.railtracks.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
