package dev.railtracks.info;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One version of a request in graph form: an edge from the calling node to the called one. {@code parent} is the
 * request's previous version.
 *
 * @param source the calling node's id, {@code null} for a top-level request
 * @param target the called node's id
 * @param identifier the request id
 * @param stamp when this version was recorded
 * @param inputArgs the call's arguments
 * @param status the request's status
 * @param output the result, the {@link Failure}, or {@code null} while open
 * @param parent the previous version, or {@code null}
 */
public record Edge(@Nullable String source, String target, String identifier, Stamp stamp, List<@Nullable Object> inputArgs,
		RequestStatus status, @Nullable Object output, @Nullable Edge parent) {
}
