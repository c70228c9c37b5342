package dev.railtracks.samples.springweb;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.dbos.transact.exceptions.DBOSNonExistentWorkflowException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.autoconfigure.durable.DurableFlows;
import dev.railtracks.durable.DurableFlow;

/**
 * The {@code durable} profile's endpoints: start a durable trip plan under an idempotency key, and wait for its result
 * (from this JVM or, after a crash, from the next one, which recovers the run at start).
 */
@RestController
@Profile("durable")
public class DurablePlanController implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DurablePlanController.class);

	private final DurableFlow<AgentResponse<String>> tripPlan;

	private final ModelCallCounter modelCalls;

	/** Runs the plans started over HTTP, so that the request returns at once. */
	private final ExecutorService runs = Executors.newCachedThreadPool();

	/**
	 * A controller on the durable trip plan.
	 * @param durableFlows the application's durable flows
	 * @param modelCalls counts the rounds that call the model
	 */
	public DurablePlanController(DurableFlows durableFlows, ModelCallCounter modelCalls) {
		this.tripPlan = durableFlows.get(DurableTripConfiguration.TRIP_PLAN);
		this.modelCalls = modelCalls;
	}

	/**
	 * Starts a trip plan, once per key: starting again with a key that has a run does not run it again.
	 * @param key the idempotency key (letters, digits, {@code .}, {@code _} or {@code -})
	 * @param goal what to plan, ending with the destination
	 * @return the key
	 * @throws ResponseStatusException 400 when the goal is missing, blank or too long, or the key invalid
	 */
	@PostMapping("/durable/plans/{key}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public String start(@PathVariable String key, @RequestParam(required = false) @Nullable String goal) {
		PlanController.currencyCode(goal, "EUR");
		if (!ExecutorConfig.isRunIdentifier(key)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The key must be 1-128 letters, digits, '.', "
					+ "'_' or '-' starting with a letter or digit, but was '" + key + "'");
		}
		this.runs.execute(() -> {
			try {
				this.tripPlan.invoke(key, goal);
			}
			catch (RuntimeException ex) {
				logger.warn("Durable trip plan '{}' failed: {}", key, ex.toString());
			}
		});
		return key;
	}

	/**
	 * Waits for the plan of a key, started here or in a JVM before this one.
	 * @param key the idempotency key
	 * @return the plan and how many model rounds this JVM paid for
	 * @throws ResponseStatusException 404 when no run has the key
	 */
	@GetMapping("/durable/plans/{key}")
	public DurablePlanResponse result(@PathVariable String key) {
		try {
			return new DurablePlanResponse(key, this.tripPlan.result(key).text(), this.modelCalls.calls());
		}
		catch (DBOSNonExistentWorkflowException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No durable trip plan has the key '" + key + "'");
		}
	}

	@Override
	public void destroy() {
		this.runs.shutdownNow();
	}

}
