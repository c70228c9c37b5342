package dev.railtracks.info;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The saved-state document of a session: its envelope (flow name and id, session id and name, start and end time)
 * around the record, in the format of {@code railtracks-state-schema.json} that the Railtracks tools read.
 *
 * @param flowName the name of the flow that started the session, or {@code null}
 * @param flowId the id of the flow that started the session, or {@code null}
 * @param sessionId the session's id
 * @param sessionName the session's name, or {@code null}
 * @param startNanos when the session started, epoch nanoseconds
 * @param endNanos when the document was made, epoch nanoseconds
 * @param info the record
 */
public record SessionDocument(@Nullable String flowName, @Nullable String flowId, String sessionId,
		@Nullable String sessionName, long startNanos, long endNanos, ExecutionInfo info) {

	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}");

	/**
	 * The document of a session no flow started.
	 * @param sessionId the session's id
	 * @param sessionName the session's name, or {@code null}
	 * @param startNanos when the session started, epoch nanoseconds
	 * @param endNanos when the document was made, epoch nanoseconds
	 * @param info the record
	 */
	public SessionDocument(String sessionId, @Nullable String sessionName, long startNanos, long endNanos,
			ExecutionInfo info) {
		this(null, null, sessionId, sessionName, startNanos, endNanos, info);
	}

	/**
	 * The document as JSON text.
	 * @return the JSON
	 */
	public String toJson() {
		return StateJson.session(this);
	}

	/**
	 * Writes the document as JSON.
	 * @param out where to write
	 * @throws IOException when writing fails
	 */
	public void writeTo(Writer out) throws IOException {
		StateJson.writeSession(out, this);
	}

	/**
	 * The name the saved file carries, as the original chooses it: the flow's name, else the session's, else empty.
	 * @return the name, possibly empty
	 */
	public String fileLabel() {
		if (this.flowName != null) {
			return this.flowName;
		}
		return (this.sessionName != null) ? this.sessionName : "";
	}

	/**
	 * Saves the document as {@code {name}_{sessionId}.json} in a directory (created when missing), atomically: a
	 * temporary file, then a move, so a reader never sees half a file. The name is {@link #fileLabel()}; one unsafe in
	 * a file name falls back to {@code {sessionId}.json}.
	 * @param directory the state directory
	 * @return where it went
	 * @throws IOException when the directory or file cannot be written
	 */
	public Saved saveTo(Path directory) throws IOException {
		String label = fileLabel();
		boolean safe = label.isEmpty() || SAFE_NAME.matcher(label).matches();
		String fileName = safe ? label + "_" + this.sessionId + ".json" : this.sessionId + ".json";
		Path target = directory.resolve(fileName);
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, "." + this.sessionId, ".json.tmp");
		try {
			try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				writeTo(out);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		return new Saved(target, safe ? null : label);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Where a document was saved.
	 * @param file the file
	 * @param unsafeName the name left out of the file name because it was unsafe there, or {@code null}
	 */
	public record Saved(Path file, @Nullable String unsafeName) {
	}

}
