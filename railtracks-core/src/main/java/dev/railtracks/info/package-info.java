/**
 * The record of a run: {@link dev.railtracks.info.ExecutionInfo} with its {@link dev.railtracks.info.RequestForest},
 * {@link dev.railtracks.info.NodeForest} and {@link dev.railtracks.info.StampManager}, the versions they keep, the
 * graph view, and the saved-state document. Every value here is immutable and refers to nothing of the engine, so a
 * kept record never changes and keeps no session alive. This package depends on no other Railtracks package.
 */
@NullMarked
package dev.railtracks.info;

import org.jspecify.annotations.NullMarked;
