package dev.railtracks.autoconfigure.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.store.RetentionPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SessionStoreRetention} in a real application context.
 */
class SessionStoreRetentionTests {

	private static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> s.length());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class));

	@Test
	void savedSessionsBeyondMaxFilesAreDeletedInTheBackground(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("railtracks.state-directory=" + directory, "railtracks.state-retention.max-files=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionStoreRetention.class);
				SessionFactory factory = context.getBean(SessionFactory.class);
				for (int i = 0; i < 20; i++) {
					try (Session session = factory.create()) {
						session.runSync(LENGTH, "run " + i);
					}
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> count(directory) == 3);
			});
	}

	@Test
	void aBurstOfClosesFromManyThreadsNeverTakesTheDirectoryPastOneBatchOverMaxFiles(@TempDir Path root)
			throws Exception {
		int maxFiles = 20;
		int threads = 8;
		// Entries that are not state files make every sweep list a large directory: the sweeper falls behind without back-pressure.
		Path slowToList = Files.createDirectory(root.resolve("slow"));
		for (int i = 0; i < 1_000; i++) {
			Files.createFile(slowToList.resolve("other-" + i + ".txt"));
		}
		Path burst = Files.createDirectory(root.resolve("burst"));
		SessionStoreRetention retention = new SessionStoreRetention(
				new RetentionPolicy(maxFiles, Duration.ofDays(1), DataSize.ofMegabytes(100).toBytes()),
				ExecutorConfig.builder().saveState(true).stateDirectory(slowToList).build(), Duration.ofMillis(200));
		ExecutorConfig config = ExecutorConfig.builder()
			.saveState(true)
			.stateDirectory(burst)
			.loggingSetting(LoggingSetting.NONE)
			.addSessionListener(retention)
			.build();
		try {
			AtomicBoolean closing = new AtomicBoolean(true);
			AtomicLong most = new AtomicLong();
			Thread watcher = new Thread(() -> {
				while (closing.get()) {
					most.accumulateAndGet(countStateFiles(burst), Math::max);
				}
			});
			watcher.start();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> closers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Thread closer = new Thread(() -> {
					awaitQuietly(start);
					for (int i = 0; i < 20; i++) {
						try (Session session = new Session(config)) {
							session.runSync(LENGTH, "run " + i);
						}
					}
				});
				closer.start();
				closers.add(closer);
			}
			start.countDown();
			for (Thread closer : closers) {
				closer.join();
			}
			closing.set(false);
			watcher.join();
			assertThat(most.get()).isLessThanOrEqualTo(maxFiles + SessionStoreRetention.batchOf(maxFiles) + threads);
			await().atMost(Duration.ofSeconds(10)).until(() -> countStateFiles(burst) == maxFiles);
		}
		finally {
			retention.destroy();
		}
	}

	@Test
	void filesOfEarlierRunsAreSweptAtStartup(@TempDir Path directory) throws IOException {
		Path expired = Files.write(directory.resolve("old_run.json"), new byte[10]);
		Files.setLastModifiedTime(expired, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		this.contextRunner
			.withPropertyValues("railtracks.state-directory=" + directory, "railtracks.state-retention.max-age=1d")
			.run((context) -> await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(expired)));
	}

	@Test
	void retentionCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("railtracks.state-retention.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreRetention.class));
	}

	@Test
	void aZeroMaxFilesFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.state-retention.max-files=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property railtracks.state-retention.max-files with value '0' is invalid: "
						+ "must be positive");
		});
	}

	@Test
	void aNegativeMaxTotalSizeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.state-retention.max-total-size=-1MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("railtracks.state-retention.max-total-size");
		});
	}

	private static long countStateFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long count(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.count();
		}
	}

}
