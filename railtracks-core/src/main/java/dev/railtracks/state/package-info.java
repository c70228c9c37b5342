/**
 * Execution state: {@link dev.railtracks.state.RTState}, {@link dev.railtracks.state.ExecutionInfo} and its versioned forests.
 */
@NullMarked
package dev.railtracks.state;

import org.jspecify.annotations.NullMarked;
