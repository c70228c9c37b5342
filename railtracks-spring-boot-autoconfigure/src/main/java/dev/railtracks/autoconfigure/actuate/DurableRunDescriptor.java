package dev.railtracks.autoconfigure.actuate;

import java.util.List;

import dev.railtracks.durable.DurableRunInfo;
import dev.railtracks.durable.DurableRunStep;

/**
 * One durable run and its steps, as the {@link RailtracksDurableEndpoint} returns it.
 *
 * @param run the run
 * @param steps its checkpointed calls and model rounds, in the order they started
 */
public record DurableRunDescriptor(DurableRunInfo run, List<DurableRunStep> steps) {

}
