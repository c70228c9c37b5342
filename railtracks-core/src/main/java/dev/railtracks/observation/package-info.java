/**
 * Micrometer Observation instrumentation of sessions and node invocations: the documented observations, their
 * contexts, and the conventions applications may replace.
 */
@NullMarked
package dev.railtracks.observation;

import org.jspecify.annotations.NullMarked;
