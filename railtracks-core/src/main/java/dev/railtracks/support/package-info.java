/**
 * Small utilities the record, the engine and the API share (ids, the epoch clock, the text of a value). Not API:
 * the module does not export this package, and it depends on no other Railtracks package.
 */
@NullMarked
package dev.railtracks.support;

import org.jspecify.annotations.NullMarked;
