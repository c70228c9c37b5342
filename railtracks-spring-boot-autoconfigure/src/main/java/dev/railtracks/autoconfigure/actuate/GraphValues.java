package dev.railtracks.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a graph's JSON into maps and lists, masking on request the values of request inputs and outputs and of node
 * internals (except the engine's own latency figures). Masking goes by key at any depth, so it applies alike to
 * {@code ExecutionInfo.graphSerialization()} and to a whole saved-session document; the {@code railtracks} endpoint
 * and the visualiser both mask through here.
 */
public final class GraphValues {

	/** What a masked value is replaced by. */
	public static final String MASK = "******";

	private static final Set<String> VALUE_KEYS = Set.of("input_args", "input_kwargs", "output", "internals");

	private static final String INTERNALS = "internals";

	private static final String LATENCY = "latency";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private GraphValues() {
	}

	/**
	 * Reads a JSON object, masking values unless they are to be shown.
	 * @param graphJson a JSON object: a graph or a saved-session document
	 * @param showValues whether to keep inputs, outputs and internals as they are
	 * @return the object as maps and lists
	 * @throws tools.jackson.core.JacksonException when the text is not a JSON object
	 */
	public static Map<String, @Nullable Object> read(String graphJson, boolean showValues) {
		Map<String, @Nullable Object> graph = JSON.readValue(graphJson, MAP);
		return showValues ? graph : maskedMap(graph);
	}

	private static Map<String, @Nullable Object> maskedMap(Map<String, @Nullable Object> map) {
		Map<String, @Nullable Object> masked = new LinkedHashMap<>();
		map.forEach((key, value) -> masked.put(key, VALUE_KEYS.contains(key) ? mask(key, value) : walk(value)));
		return masked;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object walk(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			return maskedMap((Map<String, @Nullable Object>) map);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> walked = new ArrayList<>(list.size());
			list.forEach((item) -> walked.add(walk(item)));
			return walked;
		}
		return value;
	}

	private static @Nullable Object mask(String key, @Nullable Object value) {
		boolean internals = INTERNALS.equals(key);
		if (value instanceof Map<?, ?> map) {
			Map<Object, @Nullable Object> masked = new LinkedHashMap<>();
			map.forEach((name, item) -> masked.put(name, (internals && LATENCY.equals(name)) ? item : MASK));
			return masked;
		}
		if (value instanceof List<?> list) {
			List<String> masked = new ArrayList<>(list.size());
			list.forEach((item) -> masked.add(MASK));
			return masked;
		}
		return (value != null) ? MASK : null;
	}

}
