/**
 * Micrometer Observation instrumentation of sessions and node invocations.
 */
@NullMarked
package dev.railtracks.observation;

import org.jspecify.annotations.NullMarked;
