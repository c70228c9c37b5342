package dev.railtracks.samples.springweb;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

/**
 * Knows how to break a goal into aspects and what to do about each. Stands in for a model or a search service: the
 * nodes reach it through ordinary dependency injection.
 */
@Service
public class Advisor {

	private static final List<String> ASPECTS = List.of("research", "budget", "schedule");

	/**
	 * The aspects every plan covers.
	 * @param goal the goal
	 * @return one task per aspect
	 */
	public List<String> tasksFor(String goal) {
		return ASPECTS.stream().map((aspect) -> aspect + ": " + goal).toList();
	}

	/**
	 * Advice for one task.
	 * @param task an aspect and the goal, as {@link #tasksFor} made it
	 * @return one sentence of advice
	 */
	public String adviseOn(String task) {
		String aspect = task.substring(0, task.indexOf(':'));
		String goal = task.substring(task.indexOf(':') + 1).trim();
		return switch (aspect) {
			case "research" -> "Read two guides about " + goal.toLowerCase(Locale.ROOT) + ".";
			case "budget" -> "Set aside a fixed amount for " + goal.toLowerCase(Locale.ROOT) + " and track it weekly.";
			default -> "Block three evenings next week for " + goal.toLowerCase(Locale.ROOT) + ".";
		};
	}

}
