/**
 * Publish/subscribe: the session's {@link dev.railtracks.pubsub.RTPublisher} and the sealed family of completion messages.
 */
@NullMarked
package dev.railtracks.pubsub;

import org.jspecify.annotations.NullMarked;
