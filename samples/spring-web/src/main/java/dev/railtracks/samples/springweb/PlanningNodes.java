package dev.railtracks.samples.springweb;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.RailtracksNode;
import dev.railtracks.autoconfigure.RailtracksNodeRegistry;
import dev.railtracks.info.NodeType;

/**
 * The workflow: {@code planner} fans out to one {@code advise} node per task in parallel and hands the advice to
 * {@code summarize}. Each method is a Railtracks node; the injected {@link Advisor} is used as usual.
 */
@Component
public class PlanningNodes {

	private final Advisor advisor;

	private final RailtracksNodeRegistry nodes;

	/**
	 * Nodes using an advisor.
	 * @param advisor the advisor
	 * @param nodes the registry, to call the other nodes
	 */
	public PlanningNodes(Advisor advisor, RailtracksNodeRegistry nodes) {
		this.advisor = advisor;
		this.nodes = nodes;
	}

	/**
	 * Plans a goal.
	 * @param goal what the user wants to achieve
	 * @return the plan
	 */
	@RailtracksNode(value = "planner", type = NodeType.AGENT)
	public String plan(String goal) {
		Railtracks.broadcast("Planning '" + goal + "'");
		List<String> advice = Railtracks.callBatch(this.nodes.<String>get("advise"), this.advisor.tasksFor(goal));
		return Railtracks.call(this.nodes.<String>get("summarize"), goal, advice);
	}

	/**
	 * Advice for one task.
	 * @param task the task
	 * @return the advice
	 */
	@RailtracksNode("advise")
	public String advise(String task) {
		return this.advisor.adviseOn(task);
	}

	/**
	 * Puts the advice together.
	 * @param goal the goal
	 * @param advice one piece of advice per task
	 * @return the plan as text
	 */
	@RailtracksNode("summarize")
	public String summarize(String goal, List<?> advice) {
		StringBuilder plan = new StringBuilder("Plan for ").append(goal).append(':');
		for (int i = 0; i < advice.size(); i++) {
			plan.append(' ').append(i + 1).append(". ").append(advice.get(i));
		}
		return plan.toString();
	}

}
