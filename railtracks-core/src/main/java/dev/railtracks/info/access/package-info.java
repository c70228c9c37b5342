/**
 * The engine's way to write a record ({@link dev.railtracks.info.access.RecordWriter}); not API, and not exported by
 * the module.
 */
@NullMarked
package dev.railtracks.info.access;

import org.jspecify.annotations.NullMarked;
