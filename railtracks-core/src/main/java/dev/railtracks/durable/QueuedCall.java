package dev.railtracks.durable;

import java.util.List;

import dev.dbos.transact.execution.RegisteredWorkflow;
import dev.railtracks.Node;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeParameter;
import dev.railtracks.info.NodeType;
import org.jspecify.annotations.Nullable;

/**
 * A call of a node sent through a durable queue: {@link DurableCalls} runs it as a DBOS child workflow of the run,
 * enqueued on the queue, instead of running the node here. It names, describes and creates nodes as the node does, so
 * that a batch checks its inputs before anything is enqueued and records each child under the node's name.
 *
 * @param <O> the node's result type
 */
final class QueuedCall<O> implements NodeDefinition<O> {

	private final NodeDefinition<O> node;

	private final String queue;

	private final RegisteredWorkflow workflow;

	QueuedCall(NodeDefinition<O> node, String queue, RegisteredWorkflow workflow) {
		this.node = node;
		this.queue = queue;
		this.workflow = workflow;
	}

	/**
	 * The name of the queue the call goes through.
	 * @return the queue's name
	 */
	String queue() {
		return this.queue;
	}

	/**
	 * The node's DBOS workflow, which runs the call wherever the queue starts it.
	 * @return the workflow
	 */
	RegisteredWorkflow workflow() {
		return this.workflow;
	}

	@Override
	public String name() {
		return this.node.name();
	}

	@Override
	public NodeType type() {
		return this.node.type();
	}

	@Override
	public List<NodeParameter> parameters() {
		return this.node.parameters();
	}

	/** Creates the node, which checks the arguments; {@link DurableCalls} enqueues the call instead of invoking it. */
	@Override
	public Node<O> create(@Nullable Object... args) {
		return this.node.create(args);
	}

}
