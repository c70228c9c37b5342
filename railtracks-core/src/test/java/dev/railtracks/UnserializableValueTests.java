package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.ExecutionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A value the record cannot hold as data (it reaches itself, its {@code toString()} throws, it nests too deep) never
 * breaks {@link Session#close()} or loses the saved file: it is written as the original's
 * {@code "< Unable to serialize <type> > <text>"} and the rest of the record stays intact.
 */
class UnserializableValueTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	/** Reaches itself through a list. */
	public record Holder(String name, List<Object> items) {
	}

	/** Jackson sees no properties, and its text cannot be read. */
	public static final class Unprintable {

		private final Throwable failure;

		Unprintable(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public String toString() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw (Error) this.failure;
		}

	}

	static Stream<Arguments> values() {
		return Stream.of(Arguments.of("a record reaching itself through a list", (Supplier<Object>) () -> {
			Holder holder = new Holder("loop", new ArrayList<>());
			holder.items().add(holder);
			return holder;
		}, Holder.class.getName()), Arguments.of("a map reaching itself through a list", (Supplier<Object>) () -> {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("items", List.of(map));
			return new Holder("outer", List.of(new Holder("inner", List.of(map))));
		}, Holder.class.getName()), Arguments.of("toString() throwing a RuntimeException",
				(Supplier<Object>) () -> new Unprintable(new IllegalStateException("no text")),
				Unprintable.class.getName()),
				Arguments.of("toString() throwing an Error",
						(Supplier<Object>) () -> new Unprintable(new AssertionError("no text either")),
						Unprintable.class.getName()),
				Arguments.of("lists nested 5 000 deep", (Supplier<Object>) () -> {
					List<Object> deepest = new ArrayList<>();
					List<Object> current = deepest;
					for (int i = 0; i < 5_000; i++) {
						List<Object> outer = new ArrayList<>();
						outer.add(current);
						current = outer;
					}
					return current;
				}, "java.util.ArrayList"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void closingSavesTheFileAndNotifiesListenersWhateverTheValue(String description, Supplier<Object> value,
			String typeInText) throws IOException {
		FunctionNode<Object> odd = FunctionNode.of("odd", (Object input) -> value.get());
		AtomicReference<ExecutionInfo> closed = new AtomicReference<>();
		ExecutorConfig config = ExecutorConfig.builder()
			.stateDirectory(this.directory)
			.loggingSetting(LoggingSetting.VERBOSE)
			.addSessionListener(new SessionListener() {
				@Override
				public void sessionClosed(Session session, ExecutionInfo finalInfo) {
					closed.set(finalInfo);
				}
			})
			.build();
		Session session = new Session(config);
		ExecutionInfo info = session.runSync(odd, value.get());
		assertThat(info.answer()).isNotNull();
		assertThatCode(session::close).doesNotThrowAnyException();

		assertThat(closed.get()).as("listeners are told the session closed").isNotNull();
		String graph = closed.get().graphSerialization();
		JsonNode edge = JSON.readTree(graph).get("edges").get(0);
		assertThat(edge.get("details").get("status").asString()).isEqualTo("Completed");
		assertThat(unserializable(edge.get("details").get("output"))).contains(typeInText);
		assertThat(unserializable(edge.get("details").get("input_args").get(0))).contains(typeInText);

		List<Path> files;
		try (Stream<Path> listing = Files.list(this.directory)) {
			files = listing.toList();
		}
		assertThat(files).hasSize(1);
		JsonNode saved = JSON.readTree(Files.readString(files.get(0)));
		assertThat(saved.get("runs").get(0).get("status").asString()).isEqualTo("Completed");
		assertThat(saved.get("runs").get(0).get("edges")).hasSize(1);
	}

	@org.junit.jupiter.api.Test
	void aVerboseLogLineNamesAValueWhoseToStringThrows() throws IOException {
		Path logFile = this.directory.resolve("session.log");
		FunctionNode<Object> odd = FunctionNode.of("odd", () -> new Unprintable(new AssertionError("no text")));
		try (Session session = new Session(ExecutorConfig.builder()
			.saveState(false)
			.loggingSetting(LoggingSetting.VERBOSE)
			.logFile(logFile)
			.build())) {
			session.runSync(odd);
		}
		assertThat(Files.readString(logFile)).contains("odd DONE with result (toString() of "
				+ Unprintable.class.getName() + " failed: java.lang.AssertionError)");
	}

	/** Fails with an exception whose message cannot be read. */
	static final class Unreadable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		@Override
		public String getMessage() {
			throw new IllegalStateException("no message");
		}

	}

	@org.junit.jupiter.api.Test
	void aFailureWhoseMessageCannotBeReadIsStillRecordedLoggedAndSaved() throws IOException {
		Path logFile = this.directory.resolve("failures.log");
		FunctionNode<Object> failing = FunctionNode.of("failing", () -> {
			throw new Unreadable();
		});
		Session session = new Session(ExecutorConfig.builder()
			.stateDirectory(this.directory)
			.loggingSetting(LoggingSetting.VERBOSE)
			.logFile(logFile)
			.build());
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.runSync(failing)).isInstanceOf(Unreadable.class);
		assertThatCode(session::close).doesNotThrowAnyException();
		JsonNode output = JSON.readTree(session.info().graphSerialization()).get("edges").get(0).get("details");
		assertThat(output.get("status").asString()).isEqualTo("Failed");
		assertThat(output.get("output").get("type").asString()).isEqualTo("Unreadable");
		assertThat(output.get("output").get("message").asString()).startsWith("(getMessage() of ");
		assertThat(Files.readString(logFile)).contains("failing FAILED");
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".json"))).hasSize(1);
		}
	}

	/** The first placeholder text anywhere in a value. */
	static String unserializable(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		for (JsonNode child : value) {
			String text = unserializable(child);
			if (text.startsWith("< Unable to serialize ")) {
				return text;
			}
		}
		return "(no placeholder in " + value + ")";
	}

}
