package example.trips;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.flow.RailtracksNode;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;
import dev.railtracks.durable.DurableQueue;

/**
 * The nodes of the durable test application. Executions are counted across the contexts of one test (a restarted
 * instance is a new context in the same JVM), and {@code book} can be made to wait, as a call under way at a crash.
 */
@Component
public class TripNodes {

	private static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

	/** Counted down when a booking starts while {@link #holdBookings} is set. */
	private static volatile CountDownLatch bookingStarted = new CountDownLatch(0);

	/** Released to let held bookings go on; a new one per {@link #holdBookings}. */
	private static volatile CountDownLatch bookingsReleased = new CountDownLatch(0);

	private final ObjectProvider<RailtracksNodeRegistry> nodes;

	TripNodes(ObjectProvider<RailtracksNodeRegistry> nodes) {
		this.nodes = nodes;
	}

	/** Forgets the counts and lets bookings run. */
	public static void reset() {
		EXECUTIONS.clear();
		bookingsReleased.countDown();
		bookingStarted = new CountDownLatch(0);
		bookingsReleased = new CountDownLatch(0);
	}

	/**
	 * Makes the next bookings wait until the JVM's contexts close (or {@link #reset}).
	 * @return counted down when a booking starts waiting
	 */
	public static CountDownLatch holdBookings() {
		bookingStarted = new CountDownLatch(1);
		bookingsReleased = new CountDownLatch(1);
		return bookingStarted;
	}

	/**
	 * How often a node's code ran.
	 * @param node the node
	 * @return the count
	 */
	public static int executions(String node) {
		return EXECUTIONS.computeIfAbsent(node, (name) -> new AtomicInteger()).get();
	}

	@RailtracksNode("greet")
	public String greet(String name) {
		count("greet");
		return "hello " + name;
	}

	@RailtracksNode("plan")
	public String plan(Trip trip) {
		count("plan");
		RailtracksNodeRegistry registry = this.nodes.getObject();
		String weather = Railtracks.call(registry.<String>get("weather"), trip);
		String booking = Railtracks.call(registry.<String>get("book"), trip);
		return weather + "; " + booking;
	}

	@RailtracksNode("forecasts")
	public List<String> forecasts(List<Trip> trips) {
		count("forecasts");
		return DurableQueue.callBatch("forecasts", this.nodes.getObject().<String>get("weather"), trips);
	}

	@RailtracksNode("weather")
	public String weather(Trip trip) {
		count("weather");
		return "sunny in " + trip.city();
	}

	@RailtracksNode("book")
	public String book(Trip trip) {
		count("book");
		bookingStarted.countDown();
		try {
			bookingsReleased.await();
		}
		catch (InterruptedException ex) {
			// As most code does: a failure without the interrupt flag, which the run's outcome could be recorded after.
			throw new IllegalStateException("The booking in " + trip.city() + " was interrupted", ex);
		}
		return trip.days() + " nights in " + trip.city();
	}

	private static void count(String node) {
		EXECUTIONS.computeIfAbsent(node, (name) -> new AtomicInteger()).incrementAndGet();
	}

}
