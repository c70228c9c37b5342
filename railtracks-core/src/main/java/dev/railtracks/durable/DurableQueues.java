package dev.railtracks.durable;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.execution.RegisteredWorkflow;
import dev.railtracks.NodeDefinition;

/**
 * The durable queues one {@link Durability} declared and the nodes it registered for them: what a node of a durable
 * run may send through a queue, checked when it sends a batch.
 */
final class DurableQueues {

	private final Map<String, DurableQueue> queues = new ConcurrentHashMap<>();

	/** The DBOS workflows of the registered nodes, by node name. */
	private final Map<String, RegisteredWorkflow> nodes = new ConcurrentHashMap<>();

	/** Declares a queue with DBOS, before launch. */
	void declare(DurableQueue queue, DBOS dbos) {
		if (this.queues.putIfAbsent(queue.name(), queue) != null) {
			throw new IllegalArgumentException("A durable queue named '" + queue.name() + "' is declared already");
		}
		try {
			dbos.registerQueue(queue.toDbos());
		}
		catch (RuntimeException ex) {
			this.queues.remove(queue.name(), queue);
			if (ex instanceof IllegalStateException) {
				throw new IllegalStateException("Durable queue '" + queue.name() + "' must be declared before DBOS is "
						+ "launched: recovery needs every queue", ex);
			}
			throw ex;
		}
	}

	/** Registers a node's workflow with DBOS, before launch. */
	void register(NodeDefinition<?> node, FlowWorkflow workflow, DBOS dbos) {
		synchronized (this.nodes) {
			if (this.nodes.containsKey(node.name())) {
				throw new IllegalArgumentException("A node named '" + node.name() + "' is registered for durable queues "
						+ "already: a node's name is its DBOS workflow name, so it must be unique");
			}
			try {
				this.nodes.put(node.name(), dbos.integration()
					.registerWorkflow(node.name(), Durability.NODE_WORKFLOW_CLASS, null, workflow, FlowWorkflow.RUN,
							null, null));
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("Node '" + node.name() + "' must be registered for durable queues "
						+ "before DBOS is launched: recovery needs every workflow", ex);
			}
		}
	}

	/**
	 * The call of a node through a declared queue.
	 * @throws IllegalArgumentException when the queue is not declared or the node not registered
	 */
	<O> QueuedCall<O> queued(String queue, NodeDefinition<O> node) {
		if (!this.queues.containsKey(queue)) {
			throw new IllegalArgumentException("Durable queue '" + queue + "' is not declared (declared: "
					+ new TreeSet<>(this.queues.keySet()) + "): declare it with Durability.queue before launch");
		}
		RegisteredWorkflow workflow = this.nodes.get(node.name());
		if (workflow == null) {
			throw new IllegalArgumentException("Node '" + node.name() + "' is sent through durable queue '" + queue
					+ "' but is not registered for durable queues: register it with Durability.registerNode before "
					+ "launch, on every instance");
		}
		return new QueuedCall<>(node, queue, workflow);
	}

}
