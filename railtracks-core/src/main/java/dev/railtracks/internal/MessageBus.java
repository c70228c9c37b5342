package dev.railtracks.internal;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.railtracks.support.Ids;
import dev.railtracks.pubsub.RTPublisher;
import dev.railtracks.pubsub.RequestCompletionMessage;


/**
 * A session's message bus. Two kinds of subscriber:
 * <ul>
 * <li><b>synchronous</b> ({@link #subscribeSynchronous}) run on the publishing thread, in subscription order, before
 * the message goes anywhere else: for fast observers such as the verbose session log. The engine records every
 * outcome before it publishes it, so by the time any subscriber sees a message, the session's state reflects it.
 * <li><b>asynchronous</b> ({@link #subscribe}) get every message in one total order per session, one message at a
 * time, on a delivery thread; a slow subscriber delays later messages but never the nodes.
 * </ul>
 * A subscriber that throws is logged and skipped; it never breaks the run or other subscribers. {@link #close()}
 * delivers everything published before it.
 */
final class MessageBus implements RTPublisher, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RTPublisher.class);

	private static final Duration CLOSE_DRAIN_LIMIT = Duration.ofSeconds(30);

	/** Set on a thread while it delivers messages, so that a subscriber closing the session does not wait for itself. */
	private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

	private final Executor deliveryThreads;

	private final List<Subscriber> synchronous = new CopyOnWriteArrayList<>();

	private final List<Subscriber> asynchronous = new CopyOnWriteArrayList<>();

	private final Queue<Envelope> queue = new ConcurrentLinkedQueue<>();

	/** Publications not yet accounted for by a delivery run; a run is scheduled when it rises from zero. */
	private final AtomicInteger pending = new AtomicInteger();

	private volatile boolean running = true;

	/** Signalled when the queue drains after close() stopped new publications. */
	private final Object drained = new Object();
	/** Where a subscriber's failure is reported: the session's log, so its logging setting decides. */
	private final BiConsumer<String, Throwable> subscriberFailures;

	/**
	 * Creates a running publisher that logs a failing subscriber at WARN.
	 * @param deliveryThreads where asynchronous deliveries run
	 */
	MessageBus(Executor deliveryThreads) {
		this(deliveryThreads, (message, error) -> logger.warn(message, error));
	}

	/**
	 * Creates a running publisher.
	 * @param deliveryThreads where asynchronous deliveries run
	 * @param subscriberFailures told when a subscriber throws, with a message naming it and the message it failed on
	 */
	MessageBus(Executor deliveryThreads, BiConsumer<String, Throwable> subscriberFailures) {
		this.deliveryThreads = deliveryThreads;
		this.subscriberFailures = subscriberFailures;
	}

	/**
	 * Subscribes to every message, delivered in order on a delivery thread.
	 * @param subscriber the callback
	 * @param name a name for logs
	 * @return the subscription id, for {@link #unsubscribe}
	 */
	public String subscribe(Consumer<? super RequestCompletionMessage> subscriber, String name) {
		return add(this.asynchronous, subscriber, name);
	}

	/**
	 * Subscribes a fast, thread-safe callback that runs on the publishing thread before asynchronous delivery. Meant
	 * for engine components; a slow callback here slows every node call.
	 * @param subscriber the callback
	 * @param name a name for logs
	 * @return the subscription id, for {@link #unsubscribe}
	 */
	public String subscribeSynchronous(Consumer<? super RequestCompletionMessage> subscriber, String name) {
		return add(this.synchronous, subscriber, name);
	}

	/**
	 * Removes a subscription.
	 * @param subscriptionId the id {@code subscribe} returned
	 * @throws NoSuchElementException when no subscription has that id
	 */
	public void unsubscribe(String subscriptionId) {
		boolean removed = this.asynchronous.removeIf((subscriber) -> subscriber.id.equals(subscriptionId))
				| this.synchronous.removeIf((subscriber) -> subscriber.id.equals(subscriptionId));
		if (!removed) {
			throw new NoSuchElementException("No subscription with id '" + subscriptionId + "'");
		}
	}

	/**
	 * Names of the current subscribers, synchronous first.
	 * @return subscriber names
	 */
	public List<String> subscriberNames() {
		return java.util.stream.Stream.concat(this.synchronous.stream(), this.asynchronous.stream())
			.map((subscriber) -> subscriber.name)
			.toList();
	}

	/**
	 * Publishes a message to every subscriber.
	 * @param message the message
	 * @throws IllegalStateException when the publisher is closed
	 */
	public void publish(RequestCompletionMessage message) {
		publish(message, false);
	}

	/**
	 * Publishes a message and tells when every asynchronous subscriber has received it.
	 * @param message the message
	 * @return completes once delivered; already complete when there are no asynchronous subscribers
	 * @throws IllegalStateException when the publisher is closed
	 */
	public CompletableFuture<Void> publishTracked(RequestCompletionMessage message) {
		CompletableFuture<Void> delivered = publish(message, true);
		return (delivered != null) ? delivered : CompletableFuture.completedFuture(null);
	}

	/**
	 * Whether anyone subscribes: the engine builds a message only when someone will receive it.
	 * @return {@code true} with at least one subscriber of either kind
	 */
	boolean hasSubscribers() {
		return !this.synchronous.isEmpty() || !this.asynchronous.isEmpty();
	}

	/**
	 * Whether messages can still be published.
	 * @return {@code false} once closed
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops accepting messages and waits (up to 30 seconds) until every message published before is delivered.
	 * Closing twice is harmless. Called from a subscriber, it does not wait: the ongoing delivery finishes the queue.
	 */
	@Override
	public void close() {
		this.running = false;
		if (Boolean.TRUE.equals(DELIVERING.get())) {
			// Closed by a subscriber: the delivery run it is part of delivers the rest after it returns.
			return;
		}
		long deadline = System.nanoTime() + CLOSE_DRAIN_LIMIT.toNanos();
		boolean interrupted = false;
		synchronized (this.drained) {
			long remaining;
			while (this.pending.get() != 0 && (remaining = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.drained, remaining);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (this.pending.get() != 0) {
			logger.warn("Publisher closed with {} message(s) undelivered after {}: a subscriber is blocking",
					this.pending.get(), CLOSE_DRAIN_LIMIT);
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private @Nullable CompletableFuture<Void> publish(RequestCompletionMessage message, boolean track) {
		if (message == null) {
			throw new IllegalArgumentException("Cannot publish a null message");
		}
		if (!this.running) {
			throw new IllegalStateException("Publisher is not currently running: the session is closed, so "
					+ message.getClass().getSimpleName() + " for " + message.nodeName() + " cannot be published");
		}
		for (Subscriber subscriber : this.synchronous) {
			subscriber.deliver(message, this.subscriberFailures);
		}
		if (this.asynchronous.isEmpty()) {
			return null;
		}
		Envelope envelope = new Envelope(message, track ? new CompletableFuture<>() : null);
		this.queue.offer(envelope);
		if (this.pending.getAndIncrement() == 0) {
			try {
				this.deliveryThreads.execute(this::deliverQueued);
			}
			catch (RuntimeException | OutOfMemoryError ex) {
				// No delivery thread to be had: deliver on this one rather than leave the queue stuck.
				deliverQueued();
			}
		}
		return envelope.delivered;
	}

	/**
	 * Delivers queued messages in order until none are left. {@code pending} counts publications not yet accounted
	 * for, so exactly one delivery run is active at a time and a publication racing with its end is never missed.
	 */
	private void deliverQueued() {
		DELIVERING.set(Boolean.TRUE);
		try {
			deliverAll();
		}
		finally {
			DELIVERING.remove();
		}
	}

	private void deliverAll() {
		int missed = 1;
		while (true) {
			Envelope envelope;
			while ((envelope = this.queue.poll()) != null) {
				for (Subscriber subscriber : this.asynchronous) {
					subscriber.deliver(envelope.message, this.subscriberFailures);
				}
				if (envelope.delivered != null) {
					envelope.delivered.complete(null);
				}
			}
			missed = this.pending.addAndGet(-missed);
			if (missed == 0) {
				if (!this.running) {
					// close() may be waiting for the queue to drain.
					synchronized (this.drained) {
						this.drained.notifyAll();
					}
				}
				return;
			}
		}
	}

	private String add(List<Subscriber> list, Consumer<? super RequestCompletionMessage> callback, String name) {
		if (callback == null || name == null) {
			throw new IllegalArgumentException("A subscriber needs a callback and a name, got " + callback + " named " + name);
		}
		if (!this.running) {
			throw new IllegalStateException("Publisher is closed: subscriber '" + name + "' would receive nothing");
		}
		Subscriber subscriber = new Subscriber(Ids.newId(), name, callback);
		list.add(subscriber);
		return subscriber.id;
	}

	private record Envelope(RequestCompletionMessage message, @Nullable CompletableFuture<Void> delivered) {
	}

	private record Subscriber(String id, String name, Consumer<? super RequestCompletionMessage> callback) {

		void deliver(RequestCompletionMessage message, BiConsumer<String, Throwable> failures) {
			try {
				this.callback.accept(message);
			}
			catch (Throwable ex) {
				// Even an Error (a StackOverflowError in a callback) must not stop delivery for everyone else.
				failures.accept("Subscriber '" + this.name + "' failed on " + message.logMessage() + "; the run goes on",
						ex);
			}
		}

	}

}
