package dev.railtracks.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.railtracks.info.SessionDocument;

/**
 * Saves closed sessions' documents in the background, so that closing a session never waits for the store: a bounded
 * queue drained by one daemon thread, {@value #THREAD_NAME}, which hands consecutive documents of the same store to
 * {@link SessionStore#saveAll} together (at most {@value #MAX_BATCH}).
 * <p>
 * <b>A full queue applies back-pressure</b>: the closing thread waits for room rather than dropping a record, so
 * nothing is lost; each wait is counted ({@link #backPressureWaits()}) and the first is logged as a warning, since a
 * queue that fills means the store is slower than sessions close. <b>Nothing is lost on a normal shutdown</b>:
 * {@link #close()} (a JVM shutdown hook calls it, and the Spring Boot auto-configuration calls it when the context
 * closes) saves everything queued before it returns. <b>A crash</b> (the process killed, the machine lost) loses
 * at most what was queued and not yet saved: at most the queue's capacity plus one batch. {@link #flush()} waits
 * until everything queued so far is saved, for code that reads the saved record right after closing a session.
 * <p>
 * <b>When the store fails</b>, the writer tells the two kinds of failure apart. <b>A document's own failure</b> (too
 * large, refused by the database): a batch that {@link SessionStore#saveAll} could not save is tried again one document
 * at a time, so one bad document does not take its batch down and each failure is reported on its own session's log.
 * <b>The store's failure</b> ({@link StoreUnavailableException}: no connection, a connection lost, a transient database
 * failure): trying each document again would cost one connection timeout per document (with a 30-second timeout, half
 * an hour for one batch), so the batch is tried once more at once only when it failed quickly (a stale pooled
 * connection) and the store was answering until then; otherwise the whole batch is dropped, and the store is marked
 * <em>not answering</em> until a save to it succeeds. While it is, each later batch gets one attempt (no per-document
 * retries), a closing thread that finds the queue full drops its own document instead of waiting, and a closing writer
 * drops what is left for that store without trying it. A closing thread also stops waiting for room when the writer
 * has been inside one store call for longer than the stall timeout (5 seconds by default): a store down for minutes
 * therefore holds no closing thread for longer than about that. A dropped document is never dropped silently: it is
 * counted ({@link #failedSaves()}), its session's {@link SaveReport} is told, and it is logged at {@code ERROR} on this
 * class's logger with the session id and the store, whatever the session's logging setting. The writer does not hold
 * documents to retry them later; later documents are saved as soon as the store answers again.
 * <p>
 * The documents' values are serialised on the writer thread. The record ({@link dev.railtracks.info.ExecutionInfo})
 * is a frozen snapshot by then; a mutable value a node returned and the application changes after the session closed
 * is saved as it is when written, as {@code Session#payload()} already renders it when called.
 */
public final class SessionWriter implements AutoCloseable {

	/** The writer thread's name. */
	public static final String THREAD_NAME = "railtracks-session-writer";

	/** The most documents handed to a store at once. */
	public static final int MAX_BATCH = 64;

	/** How long one store call may last before closing threads stop waiting for room in a full queue. */
	public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(SessionWriter.class);

	private final BlockingQueue<Queued> queue;

	private final int capacity;

	private final Thread thread;

	private final Thread shutdownHook;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong backPressureWaits = new AtomicLong();

	private final AtomicLong failedSaves = new AtomicLong();

	private final StoreOutages outages;

	/** Counts submissions and completed saves, so that {@link #flush()} waits for the ones before it only. */
	private final AtomicLong submitted = new AtomicLong();

	private long completed;

	private final ReentrantLock progressLock = new ReentrantLock();

	private final Condition progress = this.progressLock.newCondition();

	/**
	 * Starts a writer and registers a JVM shutdown hook that closes it.
	 * @param capacity how many documents may wait; the closing thread waits when that many are queued
	 * @throws IllegalArgumentException when the capacity is not positive
	 */
	public SessionWriter(int capacity) {
		this(capacity, DEFAULT_STALL_TIMEOUT);
	}

	/**
	 * Starts a writer and registers a JVM shutdown hook that closes it.
	 * @param capacity how many documents may wait; the closing thread waits when that many are queued
	 * @param stallTimeout how long one store call may last before a closing thread that finds the queue full stops
	 * waiting and drops its document (counted and logged)
	 * @throws IllegalArgumentException when the capacity or the stall timeout is not positive
	 */
	public SessionWriter(int capacity, Duration stallTimeout) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
		}
		this.outages = new StoreOutages(stallTimeout);
		this.capacity = capacity;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.thread = new Thread(this::drain, THREAD_NAME);
		this.thread.setDaemon(true);
		this.thread.start();
		this.shutdownHook = new Thread(this::close, THREAD_NAME + "-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Queues a document; returns at once unless the queue is full (back-pressure). After {@link #close()}, saves on
	 * the calling thread, so a session closed late in a shutdown is still saved.
	 * @param store where it goes
	 * @param document the document
	 * @param report told how it went, on the writer thread
	 */
	public void submit(SessionStore store, SessionDocument document, SaveReport report) {
		Pending pending = new Pending(store, document, report);
		if (this.closed.get()) {
			saveAlone(pending);
			return;
		}
		this.submitted.incrementAndGet();
		if (!this.queue.offer(pending)) {
			if (this.backPressureWaits.getAndIncrement() == 0) {
				logger.warn("The session writer's queue ({} documents) is full: closing sessions wait until the "
						+ "store catches up; use a larger queue or a faster store", this.capacity);
			}
			if (!putWhileTheStoreAnswers(pending)) {
				drop(pending, new StoreUnavailableException("the queue is full and " + pending.store()
						+ " is not answering; the closing thread did not wait"));
				completed(1);
				return;
			}
		}
		if (this.closed.get()) {
			// Closed while this was queued: the writer may have finished its last drain, so wait for it and save
			// whatever it left here.
			joinWriter();
			saveLeftovers();
		}
	}

	/**
	 * Waits until every document queued before this call is saved (or failed and logged).
	 */
	public void flush() {
		long target = this.submitted.get();
		this.progressLock.lock();
		try {
			while (this.completed < target && this.thread.isAlive()) {
				this.progress.await(100, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.progressLock.unlock();
		}
	}

	/**
	 * Saves everything queued, then stops the thread; later submissions save on the calling thread. Idempotent. The
	 * writer thread is woken, never interrupted: a store call in progress finishes (a store that stops on an
	 * interrupt, such as a file channel or some JDBC drivers, would lose that batch).
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			joinWriter();
			return;
		}
		// A writer waiting on an empty queue takes this and sees the writer closed; when the queue is full the
		// writer is not waiting, and it sees the writer closed once it has drained the queue.
		this.queue.offer(WakeUp.INSTANCE);
		joinWriter();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook is what is closing the writer.
		}
	}

	/**
	 * How many times a closing thread found the queue full and waited.
	 * @return the count
	 */
	public long backPressureWaits() {
		return this.backPressureWaits.get();
	}

	/**
	 * How many documents could not be saved and were dropped (each logged): alone after their batch failed, with
	 * their whole batch when the store did not answer, or by a closing thread that found the queue full while the
	 * store did not answer.
	 * @return the count
	 */
	public long failedSaves() {
		return this.failedSaves.get();
	}

	/**
	 * How many documents wait to be saved.
	 * @return the count
	 */
	public int queued() {
		return this.queue.size();
	}

	/**
	 * How many documents may wait before closing threads wait.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/** Waits for room while the store answers; {@code false} when it does not (the document is not queued). */
	private boolean putWhileTheStoreAnswers(Pending pending) {
		boolean interrupted = false;
		try {
			while (true) {
				if (this.outages.isDown(pending.store()) || this.outages.stalled()) {
					return false;
				}
				try {
					if (this.queue.offer(pending, 50, TimeUnit.MILLISECONDS)) {
						return true;
					}
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void joinWriter() {
		if (Thread.currentThread() == this.thread) {
			return;
		}
		boolean interrupted = false;
		while (this.thread.isAlive()) {
			try {
				this.thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void saveLeftovers() {
		Queued left;
		while ((left = this.queue.poll()) != null) {
			if (left instanceof Pending pending) {
				saveAlone(pending);
				completed(1);
			}
		}
	}

	private void drain() {
		List<Queued> taken = new ArrayList<>(MAX_BATCH);
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		while (!this.closed.get() || !this.queue.isEmpty()) {
			try {
				taken.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				// Nothing here interrupts the writer (close() wakes it); whoever did, the loop drains what is left.
				continue;
			}
			this.queue.drainTo(taken, MAX_BATCH - 1);
			for (Queued queued : taken) {
				if (queued instanceof Pending pending) {
					batch.add(pending);
				}
			}
			if (!batch.isEmpty()) {
				saveBatch(batch);
			}
			taken.clear();
			batch.clear();
		}
	}

	private void saveBatch(List<Pending> batch) {
		int start = 0;
		while (start < batch.size()) {
			SessionStore store = batch.get(start).store();
			int end = start + 1;
			while (end < batch.size() && batch.get(end).store() == store) {
				end++;
			}
			try {
				saveRun(store, batch.subList(start, end));
			}
			catch (RuntimeException ex) {
				logger.warn("Reporting how saving sessions went failed; ignored", ex);
			}
			finally {
				completed(end - start);
			}
			start = end;
		}
	}

	private void saveRun(SessionStore store, List<Pending> run) {
		boolean wasAnswering = !this.outages.isDown(store);
		if (!wasAnswering && this.closed.get()) {
			// Closing: a store that is not answering would hold the shutdown for a connection timeout per batch.
			drop(run, new StoreUnavailableException(store + " is not answering, and the session writer is closing"));
			return;
		}
		long started = System.nanoTime();
		Exception failure = attempt(store, run);
		if (failure != null && StoreUnavailableException.isUnavailable(failure) && wasAnswering
				&& this.outages.quick(started)) {
			// Failed quickly on a store that answered until now (a stale pooled connection): once more, as a whole.
			failure = attempt(store, run);
		}
		if (failure == null) {
			return;
		}
		if (StoreUnavailableException.isUnavailable(failure) || run.size() == 1) {
			drop(run, failure);
			return;
		}
		// Perhaps one document's failure: each alone, so that each failure is reported on its own session's log.
		for (int i = 0; i < run.size(); i++) {
			Exception alone = attempt(store, run.subList(i, i + 1));
			if (alone != null && StoreUnavailableException.isUnavailable(alone)) {
				drop(run.subList(i, run.size()), alone);
				return;
			}
			if (alone != null) {
				drop(run.subList(i, i + 1), alone);
			}
		}
	}

	/**
	 * One call to the store for the run; reports the saved documents and notes whether the store answers.
	 * @return what the store threw, or {@code null} when every document was saved
	 */
	private @Nullable Exception attempt(SessionStore store, List<Pending> run) {
		List<SavedSession> saved;
		this.outages.callStarted();
		try {
			saved = (run.size() == 1) ? List.of(store.save(run.get(0).document()))
					: store.saveAll(run.stream().map(Pending::document).toList());
		}
		catch (IOException | RuntimeException ex) {
			this.outages.failed(store, ex);
			return ex;
		}
		catch (AssertionError | LinkageError ex) {
			// Errors of this one call (a JDBC driver's internal assertion on a killed connection, a missing class):
			// the store failed, and the writer thread must live on to save the next documents.
			IOException failure = new IOException("the store threw " + ex, ex);
			this.outages.failed(store, failure);
			return failure;
		}
		finally {
			this.outages.callEnded();
		}
		this.outages.answered(store);
		if (saved == null || saved.size() != run.size()) {
			return new IOException(store + " returned " + ((saved != null) ? saved.size() : 0) + " reports for "
					+ run.size() + " documents");
		}
		for (int i = 0; i < run.size(); i++) {
			try {
				run.get(i).report().saved(saved.get(i));
			}
			catch (RuntimeException ex) {
				logger.warn("Reporting how saving sessions went failed; ignored", ex);
			}
		}
		return null;
	}

	private void drop(List<Pending> run, Exception failure) {
		for (Pending pending : run) {
			drop(pending, failure);
		}
	}

	private void drop(Pending pending, Exception failure) {
		long failed = this.failedSaves.incrementAndGet();
		logger.error("Dropped the record of session {}: it could not be saved to {} ({} dropped so far): {}",
				pending.document().sessionId(), pending.store(), failed, failure.toString());
		try {
			pending.report().failed(pending.store(), failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Reporting how saving sessions went failed; ignored", ex);
		}
	}

	private void saveAlone(Pending pending) {
		Exception failure = SaveReport.saveNow(pending.store(), pending.document(), pending.report());
		if (failure != null) {
			long failed = this.failedSaves.incrementAndGet();
			logger.error("Dropped the record of session {}: it could not be saved to {} ({} dropped so far): {}",
					pending.document().sessionId(), pending.store(), failed, failure.toString());
		}
	}

	private void completed(int count) {
		this.progressLock.lock();
		try {
			this.completed += count;
			this.progress.signalAll();
		}
		finally {
			this.progressLock.unlock();
		}
	}

	/** What the writer thread takes from the queue. */
	private sealed interface Queued permits Pending, WakeUp {
	}

	private record Pending(SessionStore store, SessionDocument document, SaveReport report) implements Queued {
	}

	/** Wakes a writer waiting on an empty queue when the writer closes. */
	private enum WakeUp implements Queued {

		INSTANCE

	}

}
