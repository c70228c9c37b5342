/**
 * The visualiser in a Spring MVC application: its UI and read-only JSON API at {@code railtracks.viz.path}, over the
 * sessions the application runs and the files in its state directory, answered by core's
 * {@link dev.railtracks.viz.SessionBrowser}; values are shown by its own {@link ShowValues} policy, without Actuator.
 */
@NullMarked
package dev.railtracks.autoconfigure.viz;

import org.jspecify.annotations.NullMarked;
