/**
 * A session's event log: engine events through SLF4J and, when configured, to the session's own log file.
 */
@NullMarked
package dev.railtracks.logging;

import org.jspecify.annotations.NullMarked;
