/**
 * Spring application events for what sessions do: one common {@link RailtracksEvent} type (carrying the session) and
 * its four kinds, published by the {@link RailtracksEventBridge} from each session to the application context.
 */
@NullMarked
package dev.railtracks.autoconfigure.event;

import org.jspecify.annotations.NullMarked;
