package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;
import dev.railtracks.store.StoreUnavailableException;

import static dev.railtracks.SessionSavedStateTests.captureSessionLog;
import static dev.railtracks.TestNodes.LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Saving a closed session in the background ({@link ExecutorConfig.Builder#sessionWriter}): close returns before the
 * store writes, {@link SessionWriter#flush()} and {@link SessionWriter#close()} wait for it, a full queue makes the
 * closing thread wait, and a store's failure is logged as a synchronous one is.
 */
class BackgroundSavingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private final List<SessionWriter> writers = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	/** Closes sessions off the test's thread; the common pool may have a single thread on a small machine. */
	private final ExecutorService closers = Executors.newCachedThreadPool();

	@AfterEach
	void closeWriters() {
		this.release.countDown();
		this.writers.forEach(SessionWriter::close);
		this.closers.shutdownNow();
	}

	private SessionWriter writer(int capacity) {
		return writer(capacity, SessionWriter.DEFAULT_STALL_TIMEOUT);
	}

	private SessionWriter writer(int capacity, Duration stallTimeout) {
		SessionWriter writer = new SessionWriter(capacity, stallTimeout);
		this.writers.add(writer);
		return writer;
	}

	private ExecutorConfig.Builder config(SessionWriter writer) {
		return ExecutorConfig.builder().stateDirectory(this.directory).sessionWriter(writer);
	}

	/**
	 * The file store, held at the latch until the test releases it; remembers each batch it was given and whether it
	 * was interrupted while held.
	 */
	private final class HeldStore implements SessionStore {

		private final FileSessionStore files = new FileSessionStore(BackgroundSavingTests.this.directory);

		private final CountDownLatch entered = new CountDownLatch(1);

		private final List<Integer> batches = new CopyOnWriteArrayList<>();

		private final AtomicBoolean interrupted = new AtomicBoolean();

		@Override
		public SavedSession save(SessionDocument document) throws IOException {
			return saveAll(List.of(document)).get(0);
		}

		@Override
		public List<SavedSession> saveAll(List<SessionDocument> documents) throws IOException {
			this.entered.countDown();
			try {
				BackgroundSavingTests.this.release.await();
			}
			catch (InterruptedException ex) {
				this.interrupted.set(true);
				Thread.currentThread().interrupt();
			}
			this.batches.add(documents.size());
			return this.files.saveAll(documents);
		}

	}

	private String closeOne(ExecutorConfig config) {
		Session session = new Session(config);
		session.runSync(LENGTH, "four");
		session.close();
		return session.identifier();
	}

	/** Closes on another thread, so that a close waiting for a held store fails the test instead of hanging it. */
	private String closeOneQuickly(ExecutorConfig config) throws Exception {
		return CompletableFuture.supplyAsync(() -> closeOne(config), this.closers).get(5, TimeUnit.SECONDS);
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> listing = Files.list(this.directory)) {
			return listing.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	@Test
	void theFileExistsAfterFlushWithTheSameNameAndContentAsASynchronousSave() throws IOException {
		SessionWriter writer = writer(16);
		Session session = new Session(config(writer).sessionName("trip").build());
		session.runSync(LENGTH, "four");
		String payload = session.payload();
		session.close();
		writer.flush();
		assertThat(files()).containsExactly(this.directory.resolve("trip_" + session.identifier() + ".json"));
		JsonNode saved = JSON.readTree(Files.readString(files().get(0)));
		assertThat(saved.get("runs")).isEqualTo(JSON.readTree(payload).get("runs"));
	}

	@Test
	void closeReturnsBeforeTheStoreWritesAndInfoAndListenersAreUnchanged() throws Exception {
		HeldStore store = new HeldStore();
		AtomicReference<ExecutionInfo> told = new AtomicReference<>();
		ExecutorConfig config = config(writer(16)).sessionStore(store).addSessionListener(new SessionListener() {
			@Override
			public void sessionClosed(Session session, ExecutionInfo finalInfo) {
				told.set(finalInfo);
			}
		}).build();
		Session session = new Session(config);
		session.runSync(LENGTH, "four");
		assertThatCode(() -> CompletableFuture.runAsync(session::close, this.closers).get(5, TimeUnit.SECONDS))
			.doesNotThrowAnyException();
		assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(files()).isEmpty();
		assertThat(told.get()).isSameAs(session.info());
		assertThat(session.info().answer()).isEqualTo(4);
		this.release.countDown();
		config.sessionWriter().flush();
		assertThat(files()).hasSize(1);
	}

	@Test
	void manyConcurrentClosesAreAllSaved() throws Exception {
		SessionWriter writer = writer(8);
		ExecutorConfig config = config(writer).build();
		List<CompletableFuture<String>> closes = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			closes.add(CompletableFuture.supplyAsync(() -> closeOne(config), this.closers));
		}
		List<String> identifiers = closes.stream().map(CompletableFuture::join).toList();
		writer.flush();
		assertThat(files()).containsExactlyInAnyOrderElementsOf(
				identifiers.stream().map((id) -> this.directory.resolve("_" + id + ".json")).toList());
	}

	@Test
	void closingTheWriterSavesEverythingQueuedAndLaterClosesSaveOnTheirOwnThread() throws IOException {
		SessionWriter writer = writer(64);
		ExecutorConfig config = config(writer).build();
		for (int i = 0; i < 20; i++) {
			closeOne(config);
		}
		writer.close();
		assertThat(files()).hasSize(20);
		String late = closeOne(config);
		assertThat(files()).hasSize(21).contains(this.directory.resolve("_" + late + ".json"));
	}

	@Test
	void closingTheWriterLetsTheStoreCallInProgressFinishWithoutInterruptingIt() throws Exception {
		// A store that stops on an interrupt (a file channel, some JDBC drivers) would lose its batch.
		HeldStore store = new HeldStore();
		SessionWriter writer = writer(16);
		String id = closeOneQuickly(config(writer).sessionStore(store).build());
		assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
		Thread closer = new Thread(writer::close);
		closer.start();
		// close() has woken the writer (an interrupt would have been sent by now) and waits for it.
		await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.WAITING);
		this.release.countDown();
		closer.join(5_000);
		assertThat(closer.isAlive()).isFalse();
		assertThat(store.interrupted).isFalse();
		assertThat(files()).containsExactly(this.directory.resolve("_" + id + ".json"));
	}

	@Test
	void documentsQueuedTogetherReachTheStoreAsOneBatch() throws Exception {
		HeldStore store = new HeldStore();
		SessionWriter writer = writer(16);
		ExecutorConfig config = config(writer).sessionStore(store).build();
		closeOneQuickly(config);
		assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			closeOneQuickly(config);
		}
		this.release.countDown();
		writer.flush();
		assertThat(store.batches).containsExactly(1, 5);
		assertThat(files()).hasSize(6);
	}

	@Test
	void aFailedBatchIsRetriedOneByOneSoEachSessionLogsItsOwnFailure() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		SessionStore picky = new SessionStore() {
			@Override
			public SavedSession save(SessionDocument document) throws IOException {
				entered.countDown();
				try {
					BackgroundSavingTests.this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if ("bad".equals(document.sessionName())) {
					throw new IOException("refused " + document.sessionId());
				}
				return new FileSessionStore(BackgroundSavingTests.this.directory).save(document);
			}

			@Override
			public List<SavedSession> saveAll(List<SessionDocument> documents) throws IOException {
				throw new IOException("no batches");
			}
		};
		SessionWriter writer = writer(16);
		List<ILoggingEvent> events = captureSessionLog(() -> {
			closeOneQuickly(config(writer).sessionStore(picky).sessionName("good").build());
			assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
			closeOneQuickly(config(writer).sessionStore(picky).sessionName("good").build());
			String bad = closeOneQuickly(config(writer).sessionStore(picky).sessionName("bad").build());
			closeOneQuickly(config(writer).sessionStore(picky).sessionName("good").build());
			this.release.countDown();
			writer.flush();
			assertThat(files()).hasSize(3)
				.allSatisfy((file) -> assertThat(file.getFileName().toString()).startsWith("good_"))
				.noneSatisfy((file) -> assertThat(file.getFileName().toString()).contains(bad));
		});
		// Dropped after its own retry: counted, and logged by the writer whatever the session's logging setting.
		assertThat(writer.failedSaves()).isEqualTo(1);
		assertThat(events).filteredOn((event) -> event.getLevel() == ch.qos.logback.classic.Level.ERROR)
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage())
				.contains("Could not save the execution state").contains("refused"));
	}

	@Test
	void aStoreThatThrowsIsLoggedAndNeitherBreaksCloseNorStopsTheWriter() throws IOException {
		SessionWriter writer = writer(16);
		SessionStore broken = (document) -> {
			throw new IllegalStateException("the store is down");
		};
		List<ILoggingEvent> events = captureSessionLog(() -> {
			Session session = new Session(config(writer).sessionStore(broken).build());
			session.runSync(LENGTH, "four");
			assertThatCode(session::close).doesNotThrowAnyException();
			writer.flush();
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
			assertThat(event.getFormattedMessage()).contains("Could not save the execution state")
				.contains("the store is down");
			assertThat(event.getThrowableProxy()).isNotNull();
		});
		closeOne(config(writer).build());
		writer.flush();
		assertThat(files()).hasSize(1);
	}

	@Test
	void anUnsafeNameIsStillWarnedAboutFromTheWriterThread() throws IOException {
		SessionWriter writer = writer(16);
		List<ILoggingEvent> events = captureSessionLog(() -> {
			String id = closeOne(config(writer).sessionName("a/b").build());
			writer.flush();
			assertThat(files()).containsExactly(this.directory.resolve(id + ".json"));
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
			assertThat(event.getFormattedMessage()).contains("'a/b'").contains("falling back");
		});
	}

	@Test
	void aFullQueueMakesTheClosingThreadWaitAndIsCountedAndLoggedOnce() throws Exception {
		HeldStore store = new HeldStore();
		// A store call held for a minute is a slow store, not one that stalled.
		SessionWriter writer = writer(1, Duration.ofMinutes(1));
		ExecutorConfig config = config(writer).sessionStore(store).build();
		Logger writerLogger = (Logger) LoggerFactory.getLogger(SessionWriter.class);
		ListAppender<ILoggingEvent> warnings = new ListAppender<>();
		warnings.start();
		writerLogger.addAppender(warnings);
		try {
			closeOneQuickly(config);
			assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
			closeOneQuickly(config);
			assertThat(writer.queued()).isEqualTo(1);
			CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> closeOne(config), this.closers);
			CompletableFuture<String> fourth = CompletableFuture.supplyAsync(() -> closeOne(config), this.closers);
			await().atMost(Duration.ofSeconds(5)).until(() -> writer.backPressureWaits() == 2);
			assertThat(third).isNotDone();
			assertThat(fourth).isNotDone();
			this.release.countDown();
			third.get(5, TimeUnit.SECONDS);
			fourth.get(5, TimeUnit.SECONDS);
			writer.flush();
			assertThat(files()).hasSize(4);
			assertThat(warnings.list).singleElement()
				.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("queue (1 documents) is full"));
		}
		finally {
			writerLogger.detachAppender(warnings);
		}
	}

	@Test
	void aStoreThatDoesNotAnswerIsTriedOncePerBatchNotOncePerDocument() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		AtomicBoolean down = new AtomicBoolean(true);
		SessionStore unreachable = new SessionStore() {
			@Override
			public SavedSession save(SessionDocument document) throws IOException {
				return saveAll(List.of(document)).get(0);
			}

			@Override
			public List<SavedSession> saveAll(List<SessionDocument> documents) throws IOException {
				calls.incrementAndGet();
				entered.countDown();
				try {
					BackgroundSavingTests.this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (down.get()) {
					throw new StoreUnavailableException("no connection to the database");
				}
				return new FileSessionStore(BackgroundSavingTests.this.directory).saveAll(documents);
			}
		};
		SessionWriter writer = writer(16, Duration.ofMinutes(1));
		ExecutorConfig config = config(writer).sessionStore(unreachable).build();
		closeOneQuickly(config);
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			closeOneQuickly(config);
		}
		this.release.countDown();
		writer.flush();
		// The first document: its call and one more at once (it failed quickly on a store that answered until then);
		// the batch of five: one call, no call per document, since the store is known not to answer.
		assertThat(calls).hasValue(3);
		assertThat(writer.failedSaves()).isEqualTo(6);
		down.set(false);
		closeOne(config);
		writer.flush();
		assertThat(files()).hasSize(1);
	}

	@Test
	void aClosingThreadStopsWaitingForRoomOnceTheStoreCallHasStalled() throws Exception {
		HeldStore store = new HeldStore();
		SessionWriter writer = writer(1, Duration.ofMillis(200));
		ExecutorConfig config = config(writer).sessionStore(store).build();
		closeOneQuickly(config);
		assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
		closeOneQuickly(config);
		assertThat(writer.queued()).isEqualTo(1);
		// The queue is full and the store has not answered for longer than the stall timeout: dropped, not waited for.
		for (int i = 0; i < 3; i++) {
			closeOneQuickly(config);
		}
		assertThat(writer.failedSaves()).isEqualTo(3);
		this.release.countDown();
		writer.flush();
		assertThat(files()).hasSize(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.railtracks.UnserializableValueTests#values")
	void aValueThatCannotBeSerialisedIsSavedFromTheWriterThreadAsOnClose(String description, Supplier<Object> value,
			String typeInText) throws IOException {
		SessionWriter writer = writer(16);
		FunctionNode<Object> odd = FunctionNode.of("odd", (Object input) -> value.get());
		Session session = new Session(config(writer).build());
		session.runSync(odd, value.get());
		assertThatCode(session::close).doesNotThrowAnyException();
		writer.flush();
		assertThat(files()).hasSize(1);
		JsonNode run = JSON.readTree(Files.readString(files().get(0))).get("runs").get(0);
		assertThat(run.get("status").asString()).isEqualTo("Completed");
		assertThat(UnserializableValueTests.unserializable(run.get("edges").get(0).get("details").get("output")))
			.startsWith("< Unable to serialize ")
			.contains(typeInText);
	}

	@Test
	void aWriterNeedsRoomForOneDocument() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionWriter(0))
			.withMessage("capacity must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionWriter(1, Duration.ZERO))
			.withMessage("stallTimeout must be positive but was PT0S");
	}

}
