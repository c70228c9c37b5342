package dev.railtracks.benchmarks.springai;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.samples.springweb.PlanController;
import dev.railtracks.samples.springweb.PlanResponse;

/**
 * {@code GET /plan} of the plain Spring AI app: the demo's parameters, checks and answer, with one chat client call
 * (Spring AI runs the tool calls) where the demo runs its agent in a session.
 */
@RestController
public class PlainPlanController {

	private final ChatClient tripPlanner;

	/**
	 * A controller planning with the trip planner's chat client.
	 * @param tripPlanner the chat client with the demo's instructions and the {@link PlainTripTools}
	 */
	public PlainPlanController(ChatClient tripPlanner) {
		this.tripPlanner = tripPlanner;
	}

	/**
	 * Plans a goal, as the demo's {@link PlanController#plan} does.
	 * @param goal what to plan, ending with the destination
	 * @param currency the currency of the plan's budget
	 * @return the plan, with a new identifier of the conversation where the demo gives its session's
	 */
	@GetMapping("/plan")
	public PlanResponse plan(@RequestParam(required = false) @Nullable String goal,
			@RequestParam(defaultValue = "EUR") String currency) {
		String code = PlanController.currencyCode(goal, currency);
		String plan = this.tripPlanner.prompt()
			.system((system) -> system.param(PlainTripTools.CURRENCY, code))
			.user(goal)
			.toolContext(Map.of(PlainTripTools.CURRENCY, code))
			.call()
			.content();
		return new PlanResponse(UUID.randomUUID().toString(), goal, plan);
	}

}
