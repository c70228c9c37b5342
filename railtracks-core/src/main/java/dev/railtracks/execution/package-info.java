/**
 * Execution: the {@link dev.railtracks.execution.Coordinator} and the strategies that run node invocations on threads.
 */
@NullMarked
package dev.railtracks.execution;

import org.jspecify.annotations.NullMarked;
