package dev.railtracks.autoconfigure.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.railtracks.autoconfigure.store.JdbcSessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * The {@code railtracksStore} health contributor of the JDBC session store: {@code UP} when the database answers and
 * the session table has every column, {@code DOWN} with the reason otherwise. Details: {@code store} (the table and
 * database) and, when sessions are saved in the background, {@code queued} (documents waiting) and
 * {@code failedSaves} (documents dropped after the store failed, each logged).
 */
public class RailtracksStoreHealthIndicator extends AbstractHealthIndicator {

	private final JdbcSessionStore store;

	private final @Nullable SessionWriter writer;

	/**
	 * A contributor for a store.
	 * @param store the JDBC session store
	 * @param writer the writer saving to it, or {@code null} when sessions are saved as they close
	 */
	public RailtracksStoreHealthIndicator(JdbcSessionStore store, @Nullable SessionWriter writer) {
		super("Railtracks session store health check failed");
		this.store = store;
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("store", this.store.toString());
		if (this.writer != null) {
			builder.withDetail("queued", this.writer.queued()).withDetail("failedSaves", this.writer.failedSaves());
		}
		this.store.verify();
		builder.up();
	}

}
