package dev.railtracks.autoconfigure.actuate;

/**
 * Why the {@link RailtracksDurableEndpoint} refused a request over HTTP (the body of its 400 and 404 answers).
 *
 * @param error the reason, naming the run and what is wrong
 */
public record DurableRunErrorDescriptor(String error) {

}
