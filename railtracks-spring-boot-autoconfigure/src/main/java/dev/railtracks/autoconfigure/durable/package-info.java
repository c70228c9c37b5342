/**
 * Durable flows in Spring Boot ({@code railtracks.durable.*}): DBOS Transact on the application's PostgreSQL
 * {@code DataSource}, launched and shut down with the context, the {@link dev.railtracks.durable.Durability} of the
 * application, and {@link DurableFlows}, the durable runs of the {@code Flow} beans and {@code railtracks.flows.*}
 * flows marked durable. See docs/durable.md.
 */
@NullMarked
package dev.railtracks.autoconfigure.durable;

import org.jspecify.annotations.NullMarked;
