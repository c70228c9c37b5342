package dev.railtracks.durable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;

/**
 * The durable tests' flow: a trip planner whose root calls a node, a batch, an asynchronous node, a node that calls
 * another, and a booking, and counts every node's executions. Each step can be given its own behaviour (to fail, block
 * or change its arguments), read when the node runs.
 */
final class TripFlow {

	/** Executions by node name. */
	final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

	/** What {@code book} does with its argument; the default answers "booked " and it. */
	volatile UnaryOperator<String> book = (city) -> "booked " + city;

	/** What the root passes to its first {@code search}; the default passes the city. */
	volatile UnaryOperator<String> firstSearch = (city) -> city;

	final FunctionNode<String> search = FunctionNode.of("search", (String city) -> counted("search", "found " + city));

	final FunctionNode<String> hotel = FunctionNode.of("hotel", (String name) -> counted("hotel", "hotel " + name));

	final FunctionNode<String> weather = FunctionNode.of("weather", (String city) -> counted("weather", "sunny"));

	final FunctionNode<String> plan = FunctionNode.of("plan",
			(String city) -> counted("plan", "plan with " + Railtracks.call(this.search, city)));

	final FunctionNode<String> booking = FunctionNode.of("book", (String city) -> {
		count("book");
		return this.book.apply(city);
	});

	final FunctionNode<String> trip = FunctionNode.of("trip", (String city) -> {
		count("trip");
		String found = Railtracks.call(this.search, this.firstSearch.apply(city));
		List<String> hotels = Railtracks.callBatch(this.hotel, List.of("a", "b", "c"));
		CompletableFuture<String> sky = Railtracks.callAsync(this.weather, city);
		String planned = Railtracks.call(this.plan, city);
		// Awaited before the booking, so a crash while booking always finds the weather call checkpointed.
		String weather = sky.join();
		String booked = Railtracks.call(this.booking, city);
		return String.join("; ", found, String.join(",", hotels), weather, planned, booked);
	});

	/** The expected result for a city. */
	static String resultFor(String city) {
		return "found " + city + "; hotel a,hotel b,hotel c; sunny; plan with found " + city + "; booked " + city;
	}

	/**
	 * The flow.
	 * @param config its run options
	 * @return the flow named {@code trip}
	 */
	Flow<String> flow(ExecutorConfig config) {
		return Flow.builder("trip", this.trip).config(config).build();
	}

	/** How many times a node ran. */
	int executions(String node) {
		AtomicInteger count = this.executions.get(node);
		return (count != null) ? count.get() : 0;
	}

	private <T> T counted(String node, T result) {
		count(node);
		return result;
	}

	private void count(String node) {
		this.executions.computeIfAbsent(node, (name) -> new AtomicInteger()).incrementAndGet();
	}

}
