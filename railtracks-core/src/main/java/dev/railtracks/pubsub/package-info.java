/**
 * Publish/subscribe: the register-only {@link dev.railtracks.pubsub.RTPublisher} view of a session's message bus and
 * the sealed family of completion messages.
 */
@NullMarked
package dev.railtracks.pubsub;

import org.jspecify.annotations.NullMarked;
