/**
 * Prebuilt {@link dev.railtracks.NodeMiddleware}: {@link dev.railtracks.middleware.Retry} (attempts, back-off with
 * jitter, which failures) and {@link dev.railtracks.middleware.Timeout} (a limit per node call).
 */
@NullMarked
package dev.railtracks.middleware;

import org.jspecify.annotations.NullMarked;
