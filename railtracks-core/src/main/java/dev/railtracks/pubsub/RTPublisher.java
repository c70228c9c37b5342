package dev.railtracks.pubsub;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A session's message bus as subscribers see it: register and unregister, never publish. Only the engine publishes,
 * so every message a subscriber receives (and everything the session records) comes from a real request.
 *
 * <p>Two kinds of subscriber:
 * <ul>
 * <li><b>asynchronous</b> ({@link #subscribe}) get every message in one total order per session, one message at a
 * time, on a delivery thread; a slow subscriber delays later messages but never the nodes.
 * <li><b>synchronous</b> ({@link #subscribeSynchronous}) run on the publishing thread, in subscription order, after
 * the engine has recorded the message and before asynchronous delivery; a slow callback slows every node call.
 * </ul>
 * A subscriber that throws is logged and skipped; it never breaks the run or other subscribers. Closing the session
 * delivers everything published before it.
 */
public interface RTPublisher {

	/**
	 * Subscribes to every message, delivered in order on a delivery thread.
	 * @param subscriber the callback
	 * @param name a name for logs
	 * @return the subscription id, for {@link #unsubscribe}
	 */
	String subscribe(Consumer<? super RequestCompletionMessage> subscriber, String name);

	/**
	 * Subscribes a fast, thread-safe callback that runs on the publishing thread before asynchronous delivery.
	 * @param subscriber the callback
	 * @param name a name for logs
	 * @return the subscription id, for {@link #unsubscribe}
	 */
	String subscribeSynchronous(Consumer<? super RequestCompletionMessage> subscriber, String name);

	/**
	 * Removes a subscription.
	 * @param subscriptionId the id {@code subscribe} returned
	 * @throws NoSuchElementException when no subscription has that id
	 */
	void unsubscribe(String subscriptionId);

	/**
	 * Names of the current subscribers, synchronous first (the engine's own among them).
	 * @return subscriber names
	 */
	List<String> subscriberNames();

	/**
	 * Whether messages are still being accepted.
	 * @return {@code false} once the session is closed
	 */
	boolean isRunning();

}
