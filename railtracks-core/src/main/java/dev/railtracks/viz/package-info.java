/**
 * The run visualiser: the web UI shipped in this jar (under {@code dev/railtracks/viz/ui/}), its JSON API written once
 * in {@link dev.railtracks.viz.SessionBrowser} over the directory of saved session files and, in an application, the
 * sessions it knows in memory ({@link dev.railtracks.viz.LiveSessions}), the masking of values
 * ({@link dev.railtracks.viz.GraphValues}), and {@link dev.railtracks.viz.VizServer}, the command-line server for
 * plain-Java users.
 */
@NullMarked
package dev.railtracks.viz;

import org.jspecify.annotations.NullMarked;
