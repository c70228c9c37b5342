package dev.railtracks.autoconfigure.store;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.railtracks.autoconfigure.PropertyCheck;

/**
 * Configuration properties of the session store, bound from {@code railtracks.store.*}.
 */
@ConfigurationProperties("railtracks.store")
public class RailtracksStoreProperties implements InitializingBean {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final String IDENTIFIER_RULE = "must be letters, digits and '_', at most 63, not starting with a digit";

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

	/**
	 * Checks every value, in the terms of the properties.
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming
	 * the first bad property, its value and why
	 */
	@Override
	public void afterPropertiesSet() {
		PropertyCheck.require("railtracks.store.list-limit", this.listLimit, this.listLimit >= 1, "must be at least 1");
		PropertyCheck.require("railtracks.store.jdbc.table", this.jdbc.table, IDENTIFIER.matcher(this.jdbc.table).matches(),
				IDENTIFIER_RULE);
		String schema = this.jdbc.schema;
		PropertyCheck.require("railtracks.store.jdbc.schema", schema,
				schema == null || IDENTIFIER.matcher(schema).matches(), IDENTIFIER_RULE);
		PropertyCheck.require("railtracks.store.jdbc.max-document-size", this.jdbc.maxDocumentSize,
				this.jdbc.maxDocumentSize.toBytes() > 0
						&& this.jdbc.maxDocumentSize.toBytes() <= DataSize.ofGigabytes(1).toBytes(),
				"must be positive and at most 1GB (the most a PostgreSQL text value holds)");
	}

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
