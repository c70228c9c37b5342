package dev.railtracks.autoconfigure.flow;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.function.SingletonSupplier;

import dev.railtracks.Flow;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * The flows declared under {@code railtracks.flows.<name>}, built once the context's singletons exist (so every
 * {@link RailtracksNode} is known) with {@link SessionFactory#flow}: they use the application's configuration and
 * appear in events, metrics and the actuator endpoint. A flow naming an unknown node fails startup, naming the key and
 * the value.
 *
 * <pre>
 * railtracks.flows.planning.node=planner
 * railtracks.flows.planning.timeout=20s
 * railtracks.flows.planning.context.tone=brief
 * </pre>
 */
public final class RailtracksFlows implements SmartInitializingSingleton {

	private final SessionFactory sessions;

	private final RailtracksNodeRegistry nodes;

	private final Map<String, RailtracksFlowProperties.Definition> definitions;

	/** Built on first use or when the context has created its singletons, whichever comes first. */
	private final SingletonSupplier<Map<String, Flow<?>>> flows = SingletonSupplier.of(this::build);

	/**
	 * The flows of some definitions.
	 * @param sessions makes the flows' sessions
	 * @param nodes where the flows' start nodes are found
	 * @param definitions the definitions by flow name
	 */
	public RailtracksFlows(SessionFactory sessions, RailtracksNodeRegistry nodes,
			Map<String, RailtracksFlowProperties.Definition> definitions) {
		this.sessions = sessions;
		this.nodes = nodes;
		this.definitions = new LinkedHashMap<>(definitions);
	}

	@Override
	public void afterSingletonsInstantiated() {
		flows();
	}

	/**
	 * The flow with the given name.
	 * @param <O> the start node's result type, as the caller expects it
	 * @param name the flow's name
	 * @return the flow
	 * @throws NoSuchElementException when no flow has that name
	 */
	@SuppressWarnings("unchecked")
	public <O> Flow<O> get(String name) {
		Flow<?> flow = flows().get(name);
		if (flow == null) {
			throw new NoSuchElementException("No flow named '" + name + "' under railtracks.flows; known flows: "
					+ names());
		}
		return (Flow<O>) flow;
	}

	/**
	 * The names of the declared flows, in declaration order.
	 * @return the names
	 */
	public Set<String> names() {
		return flows().keySet();
	}

	private Map<String, Flow<?>> flows() {
		return this.flows.obtain();
	}

	private Map<String, Flow<?>> build() {
		Map<String, Flow<?>> built = new LinkedHashMap<>();
		this.definitions.forEach((name, definition) -> built.put(name, build(name, definition)));
		return Collections.unmodifiableMap(built);
	}

	private Flow<?> build(String name, RailtracksFlowProperties.Definition definition) {
		String key = "railtracks.flows." + name;
		String node = definition.getNode();
		if (node == null || !this.nodes.contains(node)) {
			throw new InvalidConfigurationPropertyValueException(key + ".node", node,
					"A flow starts a @RailtracksNode; known nodes: " + this.nodes.names());
		}
		Flow.Builder<Object> builder = this.sessions.flow(name, this.nodes.get(node));
		Duration timeout = definition.getTimeout();
		if (timeout != null) {
			builder.timeout(timeout, key + ".timeout");
		}
		Boolean endOnError = definition.getEndOnError();
		if (endOnError != null) {
			builder.endOnError(endOnError);
		}
		Boolean saveState = definition.getSaveState();
		if (saveState != null) {
			builder.saveState(saveState);
		}
		return builder.context(definition.getContext()).build();
	}

}
