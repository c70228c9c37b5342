/**
 * The Spring programming model for nodes and flows: {@link RailtracksNode} bean methods found by the
 * {@link RailtracksNodeRegistry}, and the {@link RailtracksFlows} declared under {@code railtracks.flows}
 * ({@link dev.railtracks.autoconfigure.RailtracksFlowProperties}), with their auto-configuration.
 */
@NullMarked
package dev.railtracks.autoconfigure.flow;

import org.jspecify.annotations.NullMarked;
