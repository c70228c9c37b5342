/**
 * The life of the application's sessions: the {@link RailtracksSessionTracker} of open and recently closed sessions
 * (which the actuator endpoint, health, metrics and visualiser read), closing open sessions at shutdown, and the
 * retention of saved session files, with their auto-configuration.
 */
@NullMarked
package dev.railtracks.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
