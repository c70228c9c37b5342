package dev.railtracks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A session's shared variables: visible to every node of the session on every thread, gone when the session closes,
 * and never shared between sessions. Values may be {@code null}. Obtain it inside a node with
 * {@link Railtracks#context()} or from {@link Session#context()}.
 *
 * <p>The map given to the {@link Session} constructor is copied, not aliased: changes to it after construction are
 * not seen, and changes made by nodes do not write through to it.
 */
public final class RailtracksContext {

	/** Stands for {@code null}, which {@link ConcurrentHashMap} cannot hold. */
	private static final Object NULL = new Object();

	private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

	private final String sessionId;

	private volatile boolean closed;

	/**
	 * Creates a context with initial values.
	 * @param sessionId the owning session's id
	 * @param initial initial values, copied
	 */
	public RailtracksContext(String sessionId, Map<String, ?> initial) {
		this.sessionId = sessionId;
		if (initial != null) {
			update(initial);
		}
	}

	/**
	 * The identifier of the session this context belongs to.
	 * @return the session id
	 */
	public String sessionId() {
		return this.sessionId;
	}

	/**
	 * The value of a key.
	 * @param <T> the expected type
	 * @param key the key
	 * @return the value, possibly {@code null} when {@code null} was stored
	 * @throws NoSuchElementException when the key is absent
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(String key) {
		Object value = this.values.get(checkKey(key));
		if (value == null) {
			throw new NoSuchElementException("Key '" + key + "' does not exist in the context of session "
					+ this.sessionId + "; keys: " + keys());
		}
		return (value == NULL) ? null : (T) value;
	}

	/**
	 * The value of a key, or a default when the key is absent.
	 * @param <T> the expected type
	 * @param key the key
	 * @param defaultValue returned when the key is absent
	 * @return the stored value (even a stored {@code null}), or the default
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(String key, @Nullable T defaultValue) {
		Object value = this.values.get(checkKey(key));
		if (value == null) {
			return defaultValue;
		}
		return (value == NULL) ? null : (T) value;
	}

	/**
	 * Sets a key, replacing any value.
	 * @param key the key
	 * @param value the value, may be {@code null}
	 */
	public void put(String key, @Nullable Object value) {
		this.values.put(checkKey(key), (value != null) ? value : NULL);
	}

	/**
	 * Sets several keys, replacing their values; other keys stay.
	 * @param updates the keys and values
	 */
	public void update(Map<String, ?> updates) {
		if (updates == null) {
			throw new IllegalArgumentException("Context updates must not be null");
		}
		updates.forEach(this::put);
	}

	/**
	 * Removes a key.
	 * @param key the key
	 * @throws NoSuchElementException when the key is absent
	 */
	public void delete(String key) {
		if (this.values.remove(checkKey(key)) == null) {
			throw new NoSuchElementException("Key '" + key + "' does not exist in the context of session "
					+ this.sessionId + ".");
		}
	}

	/**
	 * Whether a key is present.
	 * @param key the key
	 * @return {@code true} when present
	 */
	public boolean containsKey(String key) {
		return this.values.containsKey(checkKey(key));
	}

	/**
	 * The keys, as a live read-only view.
	 * @return the keys
	 */
	public Set<String> keys() {
		return Collections.unmodifiableSet(this.values.keySet());
	}

	/**
	 * A copy of the variables.
	 * @return a new map
	 */
	public Map<String, @Nullable Object> asMap() {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>();
		this.values.forEach((key, value) -> copy.put(key, (value == NULL) ? null : value));
		return copy;
	}

	/** Clears the variables when the session closes; later use fails. */
	void close() {
		this.closed = true;
		this.values.clear();
	}

	private String checkKey(@Nullable String key) {
		if (this.closed) {
			throw new ContextException("The context of session " + this.sessionId + " is gone: the session is closed");
		}
		if (key == null) {
			throw new IllegalArgumentException("Context keys must not be null");
		}
		return key;
	}

	@Override
	public String toString() {
		return "RailtracksContext[session " + this.sessionId + ", keys " + keys() + "]";
	}

}
