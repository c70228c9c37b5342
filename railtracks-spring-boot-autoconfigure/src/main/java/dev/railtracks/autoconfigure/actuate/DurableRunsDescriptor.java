package dev.railtracks.autoconfigure.actuate;

import java.util.List;

import dev.railtracks.durable.DurableRunInfo;

/**
 * The durable runs the {@link RailtracksDurableEndpoint} lists.
 *
 * @param runs the runs, newest first
 */
public record DurableRunsDescriptor(List<DurableRunInfo> runs) {

}
