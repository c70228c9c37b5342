package dev.railtracks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;


/**
 * Flows declared in the application's configuration, {@code railtracks.flows.<name>.*}, each bound to a
 * {@link dev.railtracks.autoconfigure.flow.RailtracksNode} and run options; {@link dev.railtracks.autoconfigure.flow.RailtracksFlows} builds them. The values are checked once bound (see
 * {@link PropertyCheck}); whether the node exists is checked when the flows are built, once every node is known.
 */
@ConfigurationProperties("railtracks")
public class RailtracksFlowProperties implements InitializingBean {

	/**
	 * Flows by name: 'node' (the @RailtracksNode to start), and optionally 'timeout', 'end-on-error', 'save-state' and
	 * 'context' (initial context variables), 'middleware' (names of NodeMiddleware beans), 'durable' (checkpointed
	 * runs, with railtracks.durable.enabled=true); other settings come from the railtracks.* properties.
	 */
	private Map<String, Definition> flows = new LinkedHashMap<>();

	/**
	 * Checks every flow: it names a node, and its timeout, when set, is one the engine accepts.
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming
	 * the first bad property, its value and why
	 */
	@Override
	public void afterPropertiesSet() {
		this.flows.forEach((name, definition) -> {
			String key = "railtracks.flows." + name;
			Duration timeout = definition.getTimeout();
			if (timeout != null) {
				PropertyCheck.requireTimeout(key + ".timeout", timeout,
						"; leave it unset to keep railtracks.timeout");
			}
			String node = definition.getNode();
			PropertyCheck.require(key + ".node", node, node != null && !node.isBlank(),
					"a flow starts a @RailtracksNode, named here");
		});
	}

	public Map<String, Definition> getFlows() {
		return this.flows;
	}

	public void setFlows(Map<String, Definition> flows) {
		this.flows = flows;
	}

	/**
	 * One flow: its start node and the run options it overrides.
	 */
	public static class Definition {

		/**
		 * Name of the @RailtracksNode the flow starts.
		 */
		private @Nullable String node;

		/**
		 * Timeout of each invocation; unset keeps railtracks.timeout.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether the first failure ends the run; unset keeps railtracks.end-on-error.
		 */
		private @Nullable Boolean endOnError;

		/**
		 * Whether each invocation saves its state; unset keeps railtracks.save-state.
		 */
		private @Nullable Boolean saveState;

		/**
		 * Whether the flow is durable: its runs are checkpointed in PostgreSQL and survive crashes and deploys
		 * (needs railtracks.durable.enabled=true); run it through DurableFlows.get(name), as Flow.invoke refuses.
		 */
		private boolean durable;

		/**
		 * Context variables each invocation starts with.
		 */
		private Map<String, String> context = new LinkedHashMap<>();

		/**
		 * Names of NodeMiddleware beans around every node call of the flow's runs, outermost first, inside the
		 * NodeMiddleware beans every session has; a bean named by a flow runs in the flows that name it only.
		 */
		private List<String> middleware = new ArrayList<>();

		public @Nullable String getNode() {
			return this.node;
		}

		public void setNode(@Nullable String node) {
			this.node = node;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Boolean getEndOnError() {
			return this.endOnError;
		}

		public void setEndOnError(@Nullable Boolean endOnError) {
			this.endOnError = endOnError;
		}

		public @Nullable Boolean getSaveState() {
			return this.saveState;
		}

		public void setSaveState(@Nullable Boolean saveState) {
			this.saveState = saveState;
		}

		public boolean isDurable() {
			return this.durable;
		}

		public void setDurable(boolean durable) {
			this.durable = durable;
		}

		public List<String> getMiddleware() {
			return this.middleware;
		}

		public void setMiddleware(List<String> middleware) {
			this.middleware = middleware;
		}

		public Map<String, String> getContext() {
			return this.context;
		}

		public void setContext(Map<String, String> context) {
			this.context = context;
		}

	}

}
