package dev.railtracks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer a person gave to a {@link HumanRequest}.
 *
 * @param value the answer, of the request's {@link HumanRequest#answerType() answer type}
 * @param answeredBy who answered (a user name), or {@code null} when unknown
 * @param answeredAt when
 */
public record HumanAnswer(@Nullable Object value, @Nullable String answeredBy, Instant answeredAt) {
}
