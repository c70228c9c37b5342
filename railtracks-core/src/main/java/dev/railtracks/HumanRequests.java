package dev.railtracks;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests for a person that runs wait for, and the one door for their answers: {@link #pending()} lists them,
 * {@link #answer} answers one. The first answer wins: every later or concurrent one is refused
 * ({@link HumanAnswerRefusedException.Reason#CLOSED}). Sessions use the registry of their
 * {@link ExecutorConfig#humanRequests()} (by default {@link #shared()}, one per JVM); a {@link Flow} and the Spring
 * {@code SessionFactory} answer through theirs.
 *
 * <p>It is safe to use from any thread. Closed requests are remembered (up to {@value #REMEMBERED_CLOSED}), so that a
 * late answer learns that its request was answered, timed out or ended rather than that it is unknown.
 */
public final class HumanRequests {

	/** How many closed requests are remembered for refusing late answers with the right reason. */
	static final int REMEMBERED_CLOSED = 1024;

	private static final Logger logger = LoggerFactory.getLogger(HumanRequests.class);

	private static final HumanRequests SHARED = new HumanRequests();

	/** The channel a middleware installed for the Human call running on this thread. */
	private static final ThreadLocal<@Nullable HumanChannel> CHANNEL = new ThreadLocal<>();

	private final Map<Key, Waiting> open = new ConcurrentHashMap<>();

	/** The latest closed requests and how they closed, oldest first; guarded by itself. */
	private final Map<Key, String> closed = new LinkedHashMap<>(16, 0.75f, false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
			return size() > REMEMBERED_CLOSED;
		}

	};

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * The JVM's default registry, which sessions use unless their configuration names another.
	 * @return the shared registry
	 */
	public static HumanRequests shared() {
		return SHARED;
	}

	/**
	 * The requests waiting for an answer now, oldest first.
	 * @return the requests
	 */
	public List<HumanRequest> pending() {
		return this.open.values()
			.stream()
			.map((waiting) -> waiting.request)
			.sorted(Comparator.comparing(HumanRequest::askedAt))
			.toList();
	}

	/**
	 * The requests one run waits for now, oldest first.
	 * @param runId the run's (session's) id
	 * @return the requests
	 */
	public List<HumanRequest> pending(String runId) {
		return pending().stream().filter((request) -> request.runId().equals(runId)).toList();
	}

	/**
	 * One waiting request.
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @return the request, or empty when it does not wait (here)
	 */
	public Optional<HumanRequest> pending(String runId, String requestId) {
		Waiting waiting = this.open.get(new Key(runId, requestId));
		return (waiting != null) ? Optional.of(waiting.request) : Optional.empty();
	}

	/**
	 * A request that waits for an answer, or why it does not: for an API that shows a request before answering it.
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @return the request
	 * @throws HumanAnswerRefusedException when the request is unknown, or closed (answered, timed out, run ended)
	 */
	public HumanRequest awaiting(String runId, String requestId) {
		return waiting(new Key(runId, requestId)).request;
	}

	private Waiting waiting(Key key) {
		Waiting waiting = this.open.get(key);
		if (waiting != null) {
			return waiting;
		}
		String how;
		synchronized (this.closed) {
			how = this.closed.get(key);
		}
		if (how != null) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.CLOSED,
					describe(key) + " is closed: it " + how);
		}
		throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.UNKNOWN_REQUEST,
				"No " + describe(key) + " waits for an answer here");
	}

	/**
	 * Whether a run waits for a person now.
	 * @param runId the run's (session's) id
	 * @return {@code true} while one of its requests is pending
	 */
	public boolean isWaiting(String runId) {
		return this.open.keySet().stream().anyMatch((key) -> key.runId.equals(runId));
	}

	/**
	 * Answers a waiting request; the run resumes with the answer. The first answer wins.
	 * @param runId the run's (session's) id
	 * @param requestId the request's id
	 * @param value the answer, of the request's {@link HumanRequest#answerType() answer type}
	 * @param answeredBy who answers (a user name), or {@code null} when unknown
	 * @return the answer taken
	 * @throws HumanAnswerRefusedException when the request is unknown, closed (answered, timed out, run ended), or the
	 * answer has the wrong type
	 * @throws RuntimeException when the request's channel cannot hand the answer over (a durable run's database is
	 * unreachable, say): the request still waits, and a later answer may be taken
	 */
	public HumanAnswer answer(String runId, String requestId, @Nullable Object value, @Nullable String answeredBy) {
		Key key = new Key(runId, requestId);
		Waiting waiting = waiting(key);
		HumanRequest request = waiting.request;
		if (!request.answerType().isInstance(value)) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.WRONG_TYPE,
					"The answer to " + describe(key) + " must be a " + request.answerType().getName() + " but was "
							+ ((value != null) ? "a " + value.getClass().getName() : "null"));
		}
		HumanAnswer answer = new HumanAnswer(value, answeredBy, Instant.now());
		if (!waiting.outcome.compareAndSet(null, answer)) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.CLOSED,
					describe(key) + " is closed: it " + waiting.describeOutcome());
		}
		try {
			waiting.channel.deliver(request, answer);
		}
		catch (RuntimeException | Error ex) {
			// Not delivered: the request waits on, for an answer that is.
			waiting.outcome.compareAndSet(answer, null);
			throw ex;
		}
		for (Listener listener : this.listeners) {
			notify(listener, () -> listener.answered(request, answer));
		}
		return answer;
	}

	/**
	 * Adds a listener, told of every request and how it closed (Spring events and metrics are such listeners).
	 * @param listener the listener; its failures are logged, never passed on
	 */
	public void addListener(Listener listener) {
		if (listener == null) {
			throw new IllegalArgumentException("A human request listener must not be null");
		}
		this.listeners.add(listener);
	}

	/**
	 * Removes a listener.
	 * @param listener the listener
	 */
	public void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Whether a node call asks a person (a Human node's call, made by {@link Railtracks#askHuman} or an approval).
	 * @param call the call
	 * @return {@code true} for a Human call
	 */
	public static boolean asks(NodeCall call) {
		return HumanNode.isHuman(call.definition());
	}

	/**
	 * Proceeds with a Human call through a channel: the call's request is asked and answered through it. For node
	 * middleware that wraps Human calls (durable runs do).
	 * @param channel the channel
	 * @param call the call, one that {@link #asks}
	 * @return the call's result
	 * @throws Exception the call's failure
	 * @throws IllegalArgumentException when the call does not ask a person
	 */
	public static @Nullable Object through(HumanChannel channel, NodeCall call) throws Exception {
		if (!asks(call)) {
			throw new IllegalArgumentException("Node '" + call.nodeName() + "' does not ask a person: only Human "
					+ "calls go through a human channel");
		}
		HumanChannel outer = CHANNEL.get();
		CHANNEL.set(channel);
		try {
			return call.proceed();
		}
		finally {
			CHANNEL.set(outer);
		}
	}

	/**
	 * Asks a person and waits, on the calling thread (a Human node's): the answer, or empty when the timeout passed.
	 * @throws InterruptedException when the run ended while waiting
	 */
	Optional<HumanAnswer> ask(HumanRequest.Kind kind, String runId, String proposedId, String question,
			Class<?> answerType, String subject, List<@Nullable Object> arguments, Duration timeout,
			Consumer<HumanRequest> asked) throws InterruptedException {
		HumanChannel installed = CHANNEL.get();
		HumanChannel channel = (installed != null) ? installed : new InMemory();
		Instant now = Instant.now();
		HumanRequest request = new HumanRequest(runId, channel.requestId(proposedId), kind, question, answerType,
				subject, arguments, now, deadline(now, timeout));
		Waiting waiting = new Waiting(channel, request);
		Key key = new Key(runId, request.requestId());
		if (this.open.putIfAbsent(key, waiting) != null) {
			throw new IllegalStateException(describe(key) + " is asked twice at once");
		}
		asked.accept(request);
		for (Listener listener : this.listeners) {
			notify(listener, () -> listener.requested(request));
		}
		String how = "ended with its run";
		try {
			Optional<HumanAnswer> received = waiting.channel.await(request, timeout);
			if (received.isPresent()) {
				HumanAnswer answer = received.get();
				how = "was answered" + by(answer);
				// An answer given to another instance (a durable run's) claims the request here.
				if (waiting.outcome.compareAndSet(null, answer)) {
					for (Listener listener : this.listeners) {
						notify(listener, () -> listener.answered(request, answer));
					}
				}
				return received;
			}
			if (waiting.outcome.compareAndSet(null, TIMED_OUT)) {
				how = "timed out after " + timeout;
				return Optional.empty();
			}
			// Answered here just as the wait ended: the answer wins.
			HumanAnswer answer = waiting.outcome.get();
			if (answer == null) {
				throw new IllegalStateException("A claimed outcome is never cleared");
			}
			how = "was answered" + by(answer);
			return Optional.of(answer);
		}
		finally {
			waiting.outcome.compareAndSet(null, ENDED);
			synchronized (this.closed) {
				this.closed.put(key, how);
			}
			this.open.remove(key, waiting);
			String closedHow = how;
			if (waiting.outcome.get() == TIMED_OUT || waiting.outcome.get() == ENDED) {
				for (Listener listener : this.listeners) {
					notify(listener, () -> listener.closed(request, closedHow));
				}
			}
		}
	}

	private static Instant deadline(Instant now, Duration timeout) {
		try {
			return now.plus(timeout);
		}
		catch (ArithmeticException | DateTimeException ex) {
			return Instant.MAX;
		}
	}

	private static String by(HumanAnswer answer) {
		return (answer.answeredBy() != null) ? " by " + answer.answeredBy() : "";
	}

	private static String describe(Key key) {
		return "request '" + key.requestId + "' of run '" + key.runId + "'";
	}

	private static void notify(Listener listener, Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Human request listener {} failed", listener, ex);
		}
	}

	/** Marks a request that timed out: no answer is taken after it. */
	private static final HumanAnswer TIMED_OUT = new HumanAnswer(null, null, Instant.EPOCH);

	/** Marks a request whose run ended while it waited. */
	private static final HumanAnswer ENDED = new HumanAnswer(null, null, Instant.EPOCH);

	/** Told of every request of a registry and how it closed. Listeners run on the thread that asks or answers. */
	public interface Listener {

		/**
		 * A run started waiting for a person.
		 * @param request the request
		 */
		default void requested(HumanRequest request) {
		}

		/**
		 * A request was answered (in this JVM).
		 * @param request the request
		 * @param answer the answer
		 */
		default void answered(HumanRequest request, HumanAnswer answer) {
		}

		/**
		 * A request closed without an answer: it timed out, or its run ended.
		 * @param request the request
		 * @param how how it closed, as a phrase ("timed out after PT5M")
		 */
		default void closed(HumanRequest request, String how) {
		}

	}

	private record Key(String runId, String requestId) {
	}

	/** A request waiting, its channel, and its outcome: the first answer, or a timeout or end marker. */
	private static final class Waiting {

		final HumanChannel channel;

		final AtomicReference<@Nullable HumanAnswer> outcome = new AtomicReference<>();

		final HumanRequest request;

		Waiting(HumanChannel channel, HumanRequest request) {
			this.channel = channel;
			this.request = request;
		}

		String describeOutcome() {
			HumanAnswer answer = this.outcome.get();
			if (answer == TIMED_OUT) {
				return "timed out";
			}
			if (answer == ENDED) {
				return "ended with its run";
			}
			return "was answered" + ((answer != null) ? by(answer) + " at " + answer.answeredAt() : "");
		}

	}

	/** The plain wait: in this JVM, until the answer is handed over or the timeout passes. */
	private static final class InMemory implements HumanChannel {

		private final CompletableFuture<HumanAnswer> answer = new CompletableFuture<>();

		@Override
		public String requestId(String proposed) {
			return proposed;
		}

		@Override
		public Optional<HumanAnswer> await(HumanRequest request, Duration timeout) throws InterruptedException {
			try {
				return Optional.of(this.answer.get(nanos(timeout), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				return Optional.empty();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("An in-memory answer never fails", ex);
			}
		}

		@Override
		public void deliver(HumanRequest request, HumanAnswer answer) {
			this.answer.complete(answer);
		}

		private static long nanos(Duration timeout) {
			try {
				return Math.max(1, timeout.toNanos());
			}
			catch (ArithmeticException ex) {
				return Long.MAX_VALUE;
			}
		}

	}

}
