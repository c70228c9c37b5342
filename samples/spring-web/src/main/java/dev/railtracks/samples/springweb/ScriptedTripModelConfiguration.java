package dev.railtracks.samples.springweb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;

/**
 * The demo's offline model: a {@link ScriptedModel} that plans like a model would, from the request alone. It asks
 * for the weather and the budget of the goal's last word (the destination) in parallel, then for a packing list, then
 * writes the plan from the tools' results (the budget as the tool priced it, in the session's currency). Set {@code trip-planner.scripted=false} (and add a Spring AI model starter) to plan with a real
 * provider instead. {@code trip-planner.model-delay} (default none) makes each answer wait like a provider's round
 * trip; the benchmarks' load driver uses it for a slow model. {@code trip-planner.hold-round} (1 to 3, default none) makes
 * the model never answer that round: the durable demo ({@code durable-demo.sh}) kills the JVM while it waits.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "trip-planner.scripted", matchIfMissing = true)
public class ScriptedTripModelConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ScriptedTripModelConfiguration.class);

	private static final int DAYS = 3;

	/** The rounds of a plan: weather and budget, then packing, then the plan. */
	private static final int ROUNDS = 3;

	/**
	 * The scripted model.
	 * @param delay how long each answer waits before it is given, like a provider's round trip; zero for none
	 * @param holdRound the round (1 to 3) the model never answers, for the durable demo's crash; 0 for none
	 * @return the model the trip planner uses
	 * @throws IllegalArgumentException when the delay is negative or the round not one of a plan's
	 */
	@Bean
	LanguageModel tripPlannerModel(@Value("${trip-planner.model-delay:0ms}") Duration delay,
			@Value("${trip-planner.hold-round:0}") int holdRound) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("trip-planner.model-delay must not be negative but was " + delay);
		}
		if (holdRound < 0 || holdRound > ROUNDS) {
			throw new IllegalArgumentException("trip-planner.hold-round must be 0 (none) to " + ROUNDS + " but was "
					+ holdRound);
		}
		if (delay.isZero() && holdRound == 0) {
			return ScriptedModel.of(ScriptedTripModelConfiguration::answer).named("scripted-trip-planner");
		}
		return ScriptedModel.of((request) -> {
			if (round(request) == holdRound) {
				hold(holdRound);
			}
			try {
				TimeUnit.NANOSECONDS.sleep(delay.toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the scripted model waited " + delay, ex);
			}
			return answer(request);
		}).named("scripted-trip-planner");
	}

	/** The durable demo's crash: the model never answers the held round, until the JVM is killed. */
	private static void hold(int round) {
		logger.info("The scripted model holds round {} until this JVM is killed", round);
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the scripted model held round " + round, ex);
		}
	}

	/** The round a request asks for: 1 (no tool result yet), 2 (weather and budget known) or 3 (packing known). */
	static int round(ModelRequest request) {
		long results = request.messages().stream().filter(ToolResultMessage.class::isInstance).count();
		return (results == 0) ? 1 : (results == 2) ? 2 : ROUNDS;
	}

	static ModelResponse answer(ModelRequest request) {
		String goal = request.lastUserText();
		List<ToolResultMessage> results = new ArrayList<>();
		for (Message message : request.messages()) {
			if (message instanceof ToolResultMessage result) {
				results.add(result);
			}
		}
		if (results.isEmpty()) {
			String city = destination(goal);
			return ModelResponse.toolCalls(new ToolCall("call-weather", "weather", "{\"city\":\"" + city + "\"}"),
					new ToolCall("call-budget", "budget", "{\"city\":\"" + city + "\",\"days\":" + DAYS + "}"));
		}
		if (results.size() == 2) {
			String forecast = results.get(0).content().replace("\"", "'");
			return ModelResponse.toolCalls(new ToolCall("call-packing", "packing", "{\"forecast\":\"" + forecast + "\"}"));
		}
		return ModelResponse.text("Plan for " + goal + ": 1. Weather: " + results.get(0).content() + ". 2. Budget for "
				+ DAYS + " days: " + results.get(1).content() + ". 3. Pack " + results.get(2).content() + ".");
	}

	private static String destination(String goal) {
		String[] words = goal.strip().split("\\s+");
		String last = words[words.length - 1].replaceAll("[^\\p{L}\\p{N}-]", "");
		return last.isEmpty() ? "home" : Character.toUpperCase(last.charAt(0)) + last.substring(1);
	}

}
