package dev.railtracks.autoconfigure.actuate;

import java.util.List;

/**
 * What an operation of the {@link RailtracksDurableEndpoint} did.
 *
 * @param operation {@code cancel}, {@code resume}, {@code fork} or {@code recover}
 * @param runs the runs it concerns: the run cancelled or resumed, the new run of a fork, the runs recovered
 */
public record DurableOperationDescriptor(String operation, List<String> runs) {

}
