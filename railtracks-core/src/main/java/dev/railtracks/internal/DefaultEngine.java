package dev.railtracks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import dev.railtracks.ContextException;
import dev.railtracks.Engine;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.Outcome;
import dev.railtracks.RailtracksContext;
import dev.railtracks.Session;

/**
 * The engine behind {@link Session} and {@link dev.railtracks.Railtracks}: routes each call to the current thread's
 * scope — a node's ({@link RTState#call}), a session's top level, or a temporary session when there is none.
 * Registered as the {@link Engine} service.
 */
public final class DefaultEngine implements Engine {

	@Override
	public SessionEngine open(Session session, ExecutorConfig config, RailtracksContext context) {
		return new EngineSession(session, config, context);
	}

	@SuppressWarnings("try") // the temporary session is current while it is open: that is its use
	@Override
	public <O> O call(NodeDefinition<O> node, @Nullable Object[] args) {
		Scope scope = Scope.current();
		if (scope == null) {
			try (Session temporary = new Session()) {
				return currentState().callTopLevel(node, args);
			}
		}
		return scope.inNode() ? scope.state.call(scope, node, args) : scope.state.callTopLevel(node, args);
	}

	@Override
	public <O> CompletableFuture<O> callAsync(NodeDefinition<O> node, @Nullable Object[] args) {
		Scope scope = Scope.current();
		if (scope != null) {
			return scope.inNode() ? scope.state.callNodes(scope, node, args) : scope.state.start(node, args);
		}
		// No session: a temporary one, closed when the call completes, and not left as this thread's session.
		Session temporary = new Session();
		Scope binding = requireScope("start a call");
		binding.unbindSession();
		CompletableFuture<O> result;
		try {
			result = binding.state.start(node, args);
		}
		catch (RuntimeException ex) {
			temporary.close();
			throw ex;
		}
		return result.whenComplete((value, error) -> temporary.close());
	}

	@SuppressWarnings("try") // the temporary session is current while it is open: that is its use
	@Override
	public <O> List<O> callBatch(NodeDefinition<O> node, List<@Nullable Object[]> argumentLists) {
		// The same fan-out; the first failure in input order is thrown once all calls finished.
		List<Outcome<O>> outcomes = callBatchOutcomes(node, argumentLists);
		List<O> results = new ArrayList<>(outcomes.size());
		for (Outcome<O> outcome : outcomes) {
			// value() throws the first failure, as call would.
			results.add(outcome.value());
		}
		return results;
	}

	@SuppressWarnings("try") // the temporary session is current while it is open: that is its use
	@Override
	public <O> List<Outcome<O>> callBatchOutcomes(NodeDefinition<O> node, List<@Nullable Object[]> argumentLists) {
		Scope scope = Scope.current();
		if (scope != null && scope.inNode()) {
			return scope.state.callBatchOutcomes(scope, node, argumentLists);
		}
		if (scope != null) {
			return topLevelOutcomes(scope.state, node, argumentLists);
		}
		try (Session temporary = new Session()) {
			return topLevelOutcomes(currentState(), node, argumentLists);
		}
	}

	@Override
	public void broadcast(@Nullable Object item) {
		Scope scope = requireScope("broadcast");
		scope.state.broadcast(scope, item);
	}

	@Override
	public RailtracksContext context() {
		return requireScope("use the context").state.context();
	}

	@Override
	public ExecutorConfig config() {
		return requireScope("read the configuration").state.config;
	}

	/** Top-level runs, one per argument list; every outcome in input order once all have finished. */
	private static <O> List<Outcome<O>> topLevelOutcomes(RTState state, NodeDefinition<O> node,
			List<@Nullable Object[]> argumentLists) {
		List<CompletableFuture<O>> calls = state.startAll(node, argumentLists);
		List<Outcome<O>> outcomes = new ArrayList<>(calls.size());
		for (CompletableFuture<O> result : calls) {
			try {
				outcomes.add(new Outcome.Succeeded<>(result.join()));
			}
			catch (CompletionException | CancellationException ex) {
				Throwable cause = (ex instanceof CompletionException) ? ex.getCause() : ex;
				outcomes.add(new Outcome.Failed<>(NodeInvocationException.asThrown(cause, node.name())));
			}
		}
		return outcomes;
	}

	/** The state of the session just created on this thread. */
	private static RTState currentState() {
		return requireScope("run a temporary session").state;
	}

	private static Scope requireScope(String action) {
		Scope scope = Scope.current();
		if (scope == null) {
			throw new ContextException("Cannot " + action + " outside a session: create a Session, or call this from "
					+ "inside a node");
		}
		return scope;
	}

}
