/**
 * The run visualiser: the web UI shipped in this jar (under {@code dev/railtracks/viz/ui/}), the directory of saved
 * session files it reads, and {@link dev.railtracks.viz.VizServer}, the command-line server for plain-Java users.
 */
@NullMarked
package dev.railtracks.viz;

import org.jspecify.annotations.NullMarked;
