package dev.railtracks.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the auto-configured sessions save: in the background by default ({@code railtracks.save-mode=async}), written
 * out by the time the context has closed; on the closing thread with {@code sync}; to a {@link SessionStore} bean
 * when there is one.
 */
class SessionSavingTests {

	private static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> s.length());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class));

	@TempDir
	Path directory;

	private List<Path> files() throws IOException {
		try (Stream<Path> listing = Files.list(this.directory)) {
			return listing.toList();
		}
	}

	private static String closeOne(SessionFactory factory) {
		try (Session session = factory.create()) {
			session.runSync(LENGTH, "four");
			return session.identifier();
		}
	}

	@Test
	void byDefaultSessionsSaveInTheBackgroundAndEveryFileExistsOnceTheContextHasClosed() throws IOException {
		String[] identifiers = new String[50];
		this.contextRunner
			.withPropertyValues("railtracks.state-directory=" + this.directory, "railtracks.save-queue-capacity=8",
					"railtracks.state-retention.enabled=false")
			.run((context) -> {
				SessionWriter writer = context.getBean(SessionWriter.class);
				assertThat(context.getBean(ExecutorConfig.class).sessionWriter()).isSameAs(writer);
				assertThat(writer.capacity()).isEqualTo(8);
				SessionFactory factory = context.getBean(SessionFactory.class);
				for (int i = 0; i < identifiers.length; i++) {
					identifiers[i] = closeOne(factory);
				}
			});
		assertThat(files()).containsExactlyInAnyOrderElementsOf(
				Stream.of(identifiers).map((id) -> this.directory.resolve("_" + id + ".json")).toList());
	}

	@Test
	void syncSavesOnTheClosingThreadWithoutAWriter() {
		this.contextRunner.withPropertyValues("railtracks.state-directory=" + this.directory, "railtracks.save-mode=sync")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SessionWriter.class);
				assertThat(context.getBean(ExecutorConfig.class).sessionWriter()).isNull();
				String id = closeOne(context.getBean(SessionFactory.class));
				assertThat(files()).containsExactly(this.directory.resolve("_" + id + ".json"));
			});
	}

	@Test
	void aSessionStoreBeanReplacesTheFiles() throws IOException {
		this.contextRunner.withUserConfiguration(RecordingStoreConfiguration.class)
			.withPropertyValues("railtracks.state-directory=" + this.directory)
			.run((context) -> {
				String id = closeOne(context.getBean(SessionFactory.class));
				context.getBean(SessionWriter.class).flush();
				assertThat(context.getBean(RecordingStore.class).sessionIds).containsExactly(id);
			});
		assertThat(files()).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingStoreConfiguration {

		@Bean
		RecordingStore recordingStore() {
			return new RecordingStore();
		}

	}

	static class RecordingStore implements SessionStore {

		final List<String> sessionIds = new CopyOnWriteArrayList<>();

		@Override
		public SavedSession save(SessionDocument document) {
			this.sessionIds.add(document.sessionId());
			return SavedSession.at("memory");
		}

	}

}
