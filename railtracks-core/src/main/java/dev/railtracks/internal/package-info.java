/**
 * The engine: {@code RTState} (records requests and applies the failure policy and the timeout), the
 * {@code Coordinator} (dispatches tasks inline or to the execution strategy), the message bus behind
 * {@link dev.railtracks.pubsub.RTPublisher}, scopes, runs, batches, the event log and observations. It is reached only
 * through {@link dev.railtracks.Engine}, from {@link dev.railtracks.Session} and {@link dev.railtracks.Railtracks}.
 *
 * <p><b>No compatibility promise:</b> nothing here is API. Types are package-private except the engine's service
 * entry point, and may change in any release.
 */
@NullMarked
package dev.railtracks.internal;

import org.jspecify.annotations.NullMarked;
