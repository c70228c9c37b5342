package dev.railtracks.autoconfigure.flow;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.function.SingletonSupplier;

import dev.railtracks.Flow;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.autoconfigure.RailtracksFlowProperties;
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
 * railtracks.flows.planning.middleware=auditMiddleware,retryMiddleware
 * railtracks.flows.planning.durable=true
 * </pre>
 *
 * <p>A flow declared {@code durable} refuses {@link Flow#invoke}: with {@code railtracks.durable.enabled=true} it runs
 * through {@code DurableFlows.get(name)} ({@code dev.railtracks.autoconfigure.durable}), with an idempotency key.
 */
public final class RailtracksFlows implements SmartInitializingSingleton {

	private final SessionFactory sessions;

	private final RailtracksNodeRegistry nodes;

	private final Map<String, RailtracksFlowProperties.Definition> definitions;

	private final Supplier<Map<String, NodeMiddleware>> middleware;

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
		this(sessions, nodes, definitions, Map::of);
	}

	/**
	 * The flows of some definitions, whose {@code middleware} names {@link NodeMiddleware} beans of {@code beans}.
	 * @param sessions makes the flows' sessions
	 * @param nodes where the flows' start nodes are found
	 * @param definitions the definitions by flow name
	 * @param beans where the flows' middleware beans are found, once every singleton exists
	 */
	public RailtracksFlows(SessionFactory sessions, RailtracksNodeRegistry nodes,
			Map<String, RailtracksFlowProperties.Definition> definitions, ListableBeanFactory beans) {
		this(sessions, nodes, definitions, () -> beans.getBeansOfType(NodeMiddleware.class));
	}

	private RailtracksFlows(SessionFactory sessions, RailtracksNodeRegistry nodes,
			Map<String, RailtracksFlowProperties.Definition> definitions,
			Supplier<Map<String, NodeMiddleware>> middleware) {
		this.sessions = sessions;
		this.nodes = nodes;
		this.definitions = new LinkedHashMap<>(definitions);
		this.middleware = middleware;
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
		if (definition.isDurable()) {
			builder.durable();
		}
		addMiddleware(builder, key + ".middleware", definition.getMiddleware());
		return builder.context(definition.getContext()).build();
	}

	/** The flow's own middleware, inside the beans every session has, in the order listed. */
	private void addMiddleware(Flow.Builder<Object> builder, String key, List<String> names) {
		if (names.isEmpty()) {
			return;
		}
		Map<String, NodeMiddleware> beans = this.middleware.get();
		for (String name : names) {
			NodeMiddleware middleware = beans.get(name);
			if (middleware == null) {
				throw new InvalidConfigurationPropertyValueException(key, name,
						"Flow middleware names NodeMiddleware beans; known: " + beans.keySet());
			}
			try {
				builder.addNodeMiddleware(middleware);
			}
			catch (IllegalArgumentException ex) {
				// Listed twice, or already in the sessions' configuration (an ExecutorConfigCustomizer added it).
				throw new InvalidConfigurationPropertyValueException(key, name, ex.getMessage());
			}
		}
	}

}
