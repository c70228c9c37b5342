/**
 * Observation and metrics: sessions and nodes report to the application's observation registry
 * ({@link RailtracksObservationAutoConfiguration}), and the {@code railtracks.sessions.active} gauge and
 * {@code railtracks.model.tokens} counter are bound to its meter registries ({@link RailtracksMetricsAutoConfiguration}).
 */
@NullMarked
package dev.railtracks.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
