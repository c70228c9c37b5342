/**
 * Where closed sessions are saved and the history is read from ({@code railtracks.store.*}): the files of the state
 * directory by default, or the {@link dev.railtracks.autoconfigure.store.JdbcSessionStore JDBC store} on the
 * application's {@code DataSource}, which lets every instance of a fleet list and open every instance's sessions.
 */
@NullMarked
package dev.railtracks.autoconfigure.store;

import org.jspecify.annotations.NullMarked;
