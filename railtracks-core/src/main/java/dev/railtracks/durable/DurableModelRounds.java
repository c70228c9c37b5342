package dev.railtracks.durable;

import java.util.List;

import dev.railtracks.agent.ModelChain;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.agent.ModelRound;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import org.jspecify.annotations.Nullable;

/**
 * The model middleware that makes each model round of an agent in a durable run a DBOS step, at the agent call's
 * position, {@code @} and the round's number: when an agent call that had not completed runs again on recovery, its
 * rounds that had completed return their recorded answers without calling the model (a round is never paid twice).
 * The round's messages must be those recorded (else {@link DeterminismException}). Outside durable runs, and for
 * agents whose calls are replayed (their rounds do not run), it only passes the request on.
 */
final class DurableModelRounds implements ModelMiddleware {

	static final DurableModelRounds INSTANCE = new DurableModelRounds();

	private DurableModelRounds() {
	}

	@Override
	public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
		DurableCalls.RunningCall call = DurableCalls.running();
		if (call == null) {
			return chain.call(request);
		}
		ModelRound round = chain.round();
		DurableRun run = call.run();
		String position = Checkpoint.roundPosition(call.position(), round.number());
		String what = "round " + round.number() + " of agent '" + round.agentName() + "'";
		String messages = run.codec().arguments(what, List.of(request.messages()));
		Checkpoint recorded = run.recorded(position);
		if (recorded != null) {
			if (!run.codec().same(recorded.arguments(), messages)) {
				throw new DeterminismException(run.workflowId(), position, "model round with messages "
						+ recorded.arguments(), "model round with messages " + messages);
			}
			run.checkpointed(position);
			return response(run.codec().readValue(recorded.result()), what);
		}
		try {
			return response(run.step(position, round.agentName(), Checkpoint.MODEL_ROUND, what, messages,
					() -> chain.call(request), (failure) -> false), what);
		}
		catch (InterruptedException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Model " + what + " failed", ex);
		}
	}

	private static ModelResponse response(@Nullable Object value, String what) {
		if (value instanceof ModelResponse response) {
			return response;
		}
		// A chain never answers null, so only a checkpoint that is not a round's could be read here.
		throw new IllegalStateException("The checkpoint of model " + what + " holds no model response but " + value);
	}

}
