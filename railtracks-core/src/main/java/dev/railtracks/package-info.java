/**
 * Railtracks public API: define nodes, run them in a {@link dev.railtracks.Session}, and call other nodes from
 * inside a node with {@link dev.railtracks.Railtracks}.
 */
@NullMarked
package dev.railtracks;

import org.jspecify.annotations.NullMarked;
