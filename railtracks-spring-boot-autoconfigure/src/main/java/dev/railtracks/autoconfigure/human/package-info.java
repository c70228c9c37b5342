/**
 * Human in the loop for Spring applications: the {@link dev.railtracks.HumanRequests} registry the sessions use, the
 * HTTP API that lists and answers its requests, Spring events, metrics and the {@code humanrequests} actuator
 * endpoint.
 */
@NullMarked
package dev.railtracks.autoconfigure.human;

import org.jspecify.annotations.NullMarked;
