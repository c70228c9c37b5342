/**
 * Where a closed session's record goes: the {@link dev.railtracks.store.SessionStore} SPI, the
 * {@link dev.railtracks.store.FileSessionStore file store} that is the default, and the
 * {@link dev.railtracks.store.SessionWriter write-behind writer} that takes saving off the closing thread.
 */
@NullMarked
package dev.railtracks.store;

import org.jspecify.annotations.NullMarked;
