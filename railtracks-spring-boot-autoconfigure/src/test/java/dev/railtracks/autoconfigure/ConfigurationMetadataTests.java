package dev.railtracks.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	private static final List<String> KEYS = List.of("railtracks.timeout", "railtracks.timeout-enabled",
			"railtracks.end-on-error", "railtracks.logging-setting", "railtracks.log-file", "railtracks.max-log-length", "railtracks.run-identifier",
			"railtracks.session-name", "railtracks.prompt-injection", "railtracks.save-state",
			"railtracks.save-mode", "railtracks.save-queue-capacity",
			"railtracks.state-directory", "railtracks.recent-sessions", "railtracks.execution.strategy",
			"railtracks.execution.inline-synchronous-calls", "railtracks.endpoint.show-values",
			"railtracks.endpoint.roles", "railtracks.shutdown.close-sessions", "railtracks.shutdown.timeout",
			"railtracks.state-retention.enabled", "railtracks.state-retention.max-files",
			"railtracks.state-retention.max-age", "railtracks.state-retention.max-total-size",
			"railtracks.state-retention.check-interval", "railtracks.agent.max-rounds",
			"railtracks.agent.retry.max-attempts", "railtracks.agent.retry.initial-backoff",
			"railtracks.agent.retry.max-backoff", "railtracks.agent.retry.multiplier", "railtracks.flows",
			"railtracks.viz.enabled", "railtracks.viz.path", "railtracks.viz.show-values", "railtracks.viz.roles",
			"railtracks.viz.durable-operations",
			"railtracks.observation.node-long-task-timer.enabled", "railtracks.store.type", "railtracks.store.list-limit",
			"railtracks.store.jdbc.table", "railtracks.store.jdbc.schema", "railtracks.store.jdbc.max-document-size",
			"railtracks.durable.enabled", "railtracks.durable.executor-id", "railtracks.durable.application-version",
			"railtracks.durable.allowed-value-packages", "railtracks.durable.queues",
			"railtracks.durable.queued-nodes",
			"railtracks.human.web.enabled", "railtracks.human.web.path");

	@Test
	void everyKeyIsDocumentedWithItsDefault() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties).containsKeys(KEYS.toArray(String[]::new));
		KEYS.forEach((key) -> assertThat(properties.get(key).path("description").asString()).as(key).isNotBlank());
		assertThat(properties.get("railtracks.timeout").path("defaultValue").asString()).isEqualTo("150s");
		// No fixed default: the .railtracks directory is found at save time (RailtracksHome).
		assertThat(properties.get("railtracks.state-directory").has("defaultValue")).isFalse();
		assertThat(properties.get("railtracks.execution.strategy").path("defaultValue").asString()).isEqualTo("auto");
		assertThat(properties.get("railtracks.endpoint.show-values").path("defaultValue").asString())
			.isEqualTo("never");
		assertThat(properties.get("railtracks.save-state").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("railtracks.save-mode").path("defaultValue").asString()).isEqualTo("async");
		assertThat(properties.get("railtracks.save-queue-capacity").path("defaultValue").asInt()).isEqualTo(1024);
		assertThat(properties.get("railtracks.agent.max-rounds").path("defaultValue").asInt()).isEqualTo(10);
		assertThat(properties.get("railtracks.agent.retry.max-attempts").path("defaultValue").asInt()).isEqualTo(3);
		assertThat(properties.get("railtracks.agent.retry.initial-backoff").path("defaultValue").asString())
			.isEqualTo("500ms");
		assertThat(properties.get("railtracks.agent.retry.max-backoff").path("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("railtracks.agent.retry.multiplier").path("defaultValue").asDouble()).isEqualTo(2.0);
		assertThat(properties.get("railtracks.viz.enabled").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("railtracks.observation.node-long-task-timer.enabled").path("defaultValue").asBoolean())
			.isFalse();
		assertThat(properties.get("railtracks.viz.path").path("defaultValue").asString()).isEqualTo("/railtracks");
		assertThat(properties.get("railtracks.viz.durable-operations").path("defaultValue").asBoolean()).isFalse();
		// No fixed default: unset, the railtracks.endpoint.* value applies.
		assertThat(properties.get("railtracks.viz.show-values").has("defaultValue")).isFalse();
		assertThat(properties.get("railtracks.viz.show-values").path("description").asString())
			.contains("railtracks.endpoint.show-values");
		assertThat(properties.get("railtracks.shutdown.timeout").path("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("railtracks.state-retention.max-files").path("defaultValue").asInt()).isEqualTo(1000);
		assertThat(properties.get("railtracks.state-retention.max-age").path("defaultValue").asString()).isEqualTo("7d");
		assertThat(properties.get("railtracks.state-retention.max-total-size").path("defaultValue").asString())
			.isEqualTo("100MB");
		assertThat(properties.get("railtracks.store.type").path("defaultValue").asString()).isEqualTo("file");
		assertThat(properties.get("railtracks.durable.enabled").path("defaultValue").asBoolean()).isFalse();
		// No fixed default: the host name, found at startup.
		assertThat(properties.get("railtracks.durable.executor-id").path("description").asString())
			.contains("host name");
		assertThat(properties.get("railtracks.store.list-limit").path("defaultValue").asInt()).isEqualTo(500);
		assertThat(properties.get("railtracks.store.jdbc.table").path("defaultValue").asString())
			.isEqualTo("railtracks_session");
		assertThat(properties.get("railtracks.store.jdbc.max-document-size").path("defaultValue").asString())
			.isEqualTo("16MB");
		assertThat(properties.get("railtracks.human.web.enabled").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("railtracks.human.web.path").path("defaultValue").asString())
			.isEqualTo("/railtracks/human");
	}

	@Test
	void everyRailtracksPropertyHasADescription() throws Exception {
		properties().forEach((key, property) -> assertThat(property.path("description").asString()).as(key)
			.isNotBlank());
	}

	private static Map<String, JsonNode> properties() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			List<JsonNode> list = new ArrayList<>();
			root.path("properties").forEach(list::add);
			return list.stream()
				.collect(Collectors.toMap((node) -> node.path("name").asString(), (node) -> node,
						(first, second) -> first));
		}
	}

}
