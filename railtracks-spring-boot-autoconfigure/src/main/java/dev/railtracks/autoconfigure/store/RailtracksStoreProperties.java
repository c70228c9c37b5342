package dev.railtracks.autoconfigure.store;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the session store, bound from {@code railtracks.store.*}.
 */
@ConfigurationProperties("railtracks.store")
public class RailtracksStoreProperties {

	/**
	 * Where closed sessions are saved, and where the visualiser and the 'railtracks' actuator endpoint read saved
	 * sessions from: file (the state directory) or jdbc (a table in the application's DataSource, shared by every
	 * instance using it). Ignored when the application declares its own SessionStore bean.
	 */
	private Type type = Type.FILE;

	/**
	 * Most saved sessions the visualiser and the 'railtracks' actuator endpoint list, newest first.
	 */
	private int listLimit = 500;

	private final Jdbc jdbc = new Jdbc();

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public int getListLimit() {
		return this.listLimit;
	}

	public void setListLimit(int listLimit) {
		this.listLimit = listLimit;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	/**
	 * The kinds of session store.
	 */
	public enum Type {

		/**
		 * Files in the state directory ('railtracks.state-directory'), one per session.
		 */
		FILE,

		/**
		 * A table in the application's DataSource (PostgreSQL), one row per session.
		 */
		JDBC

	}

	/**
	 * Settings of the JDBC store.
	 */
	public static class Jdbc {

		/**
		 * Name of the table holding saved sessions; created at startup when missing.
		 */
		private String table = "railtracks_session";

		/**
		 * Schema of the table. When unset, the connection's current schema (PostgreSQL: the first of its
		 * search_path, usually 'public').
		 */
		private @Nullable String schema;

		/**
		 * Largest session document saved, as JSON; a larger one is not saved, and the failure is logged and counted.
		 */
		private DataSize maxDocumentSize = DataSize.ofMegabytes(16);

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public @Nullable String getSchema() {
			return this.schema;
		}

		public void setSchema(@Nullable String schema) {
			this.schema = schema;
		}

		public DataSize getMaxDocumentSize() {
			return this.maxDocumentSize;
		}

		public void setMaxDocumentSize(DataSize maxDocumentSize) {
			this.maxDocumentSize = maxDocumentSize;
		}

	}

}
