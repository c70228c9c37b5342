/**
 * Durable flows on DBOS Transact and PostgreSQL: a {@link dev.railtracks.durable.DurableFlow} invocation is a DBOS
 * workflow whose id is the caller's idempotency key, and every node call in it, at any depth, is checkpointed as a DBOS
 * step, so that a run interrupted by a crash or a deploy resumes on recovery without running again the calls that
 * had completed. {@link dev.railtracks.durable.Durability} registers flows with a DBOS instance;
 * {@link dev.railtracks.durable.DurableQueue} sends a durable run's batch through a durable queue, whose children any
 * instance of the fleet runs within the queue's limits. DBOS Transact
 * ({@code dev.dbos:transact}) is an optional dependency: only this package needs it. See docs/durable.md.
 */
@NullMarked
package dev.railtracks.durable;

import org.jspecify.annotations.NullMarked;
