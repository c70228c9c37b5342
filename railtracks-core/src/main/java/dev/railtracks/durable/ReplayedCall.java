package dev.railtracks.durable;

import dev.railtracks.Node;
import dev.railtracks.NodeDefinition;
import dev.railtracks.info.NodeType;
import org.jspecify.annotations.Nullable;

/**
 * A call recorded under a call that is replayed: the replayed call's node does not run, so the calls it made are made
 * again from their checkpoints, by {@link DurableCalls}, which returns their recorded results without running them.
 * This keeps a recovered run's record whole: every node of the run, replayed or not, is in it.
 */
final class ReplayedCall implements NodeDefinition<Object> {

	private final Checkpoint checkpoint;

	private final ValueCodec codec;

	ReplayedCall(Checkpoint checkpoint, ValueCodec codec) {
		this.checkpoint = checkpoint;
		this.codec = codec;
	}

	/**
	 * The recorded call this definition makes again.
	 * @return its checkpoint
	 */
	Checkpoint checkpoint() {
		return this.checkpoint;
	}

	@Override
	public String name() {
		return this.checkpoint.node();
	}

	@Override
	public NodeType type() {
		return NodeType.valueOf(this.checkpoint.type());
	}

	@Override
	public Node<Object> create(@Nullable Object... args) {
		return new Node<>() {

			@Override
			public String name() {
				return ReplayedCall.this.name();
			}

			@Override
			public NodeType type() {
				return ReplayedCall.this.type();
			}

			// NullAway: a recorded result may be null; Node<O> declares no nullable bound
			@Override
			@SuppressWarnings("NullAway")
			public Object invoke() throws Exception {
				if (ReplayedCall.this.checkpoint.failed()) {
					throw ReplayedCall.this.codec.failure(ReplayedCall.this.checkpoint);
				}
				return ReplayedCall.this.codec.readValue(ReplayedCall.this.checkpoint.result());
			}

		};
	}

}
