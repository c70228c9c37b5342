package dev.railtracks.info;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

	/** Enough for one write of a typical agent run's document (an agent with three tools is about 10 KB). */
	private static final int WRITE_BUFFER_BYTES = 32 * 1024;

	private static final Set<StandardOpenOption> CREATE_NEW = EnumSet.of(StandardOpenOption.CREATE_NEW,
			StandardOpenOption.WRITE);

	/** Numbers the temporary files of this process. */
	private static final AtomicLong TEMPORARY_FILES = new AtomicLong();

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
	 * a file name falls back to {@code {sessionId}.json}. Where the file system has POSIX permissions, the file is
	 * readable and writable by its owner only, as a temporary file is. The file is {@link #toJson()} in UTF-8, but
	 * for a string that is not text (half of a surrogate pair, such as a model's answer cut off inside an emoji):
	 * UTF-8 cannot encode the half, so the file keeps it as a JSON escape (<code>&#92;ud83d</code>), which reads
	 * back as the same string.
	 * @param directory the state directory
	 * @return where it went
	 * @throws IOException when the directory or file cannot be written
	 */
	public Saved saveTo(Path directory) throws IOException {
		String label = fileLabel();
		boolean safe = label.isEmpty() || SAFE_NAME.matcher(label).matches();
		String fileName = safe ? label + "_" + this.sessionId + ".json" : this.sessionId + ".json";
		Path target = directory.resolve(fileName);
		Path temporary = writeTemporary(directory);
		try {
			move(temporary, target);
		}
		catch (IOException | RuntimeException | Error ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new Saved(target, safe ? null : label);
	}

	/**
	 * Writes the document to a new hidden file in the directory. The directory is created only when creating the file
	 * fails for its absence, and the name is unique without a random number: saving is on every session's close, where
	 * a {@code mkdir}, a random name and a failed delete each cost about as much as writing the JSON. The file is
	 * created owner-only and opened by one system call (a file channel); the JSON goes as UTF-8 straight from
	 * the generator through a buffer into that channel (one write for a typical document; a large one is never held
	 * whole in memory). An interrupt of the saving thread closes a file channel: the document is then written again
	 * from its start through a stream, which an interrupt does not close, so a closing thread that is interrupted (a
	 * cancelled task) still saves.
	 */
	private Path writeTemporary(Path directory) throws IOException {
		FileAttribute<?>[] ownerOnly = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] { OWNER_ONLY } : new FileAttribute<?>[0];
		boolean directoryCreated = false;
		while (true) {
			// The session's id keeps names apart between sessions, the counter between saves of one session.
			Path temporary = directory
				.resolve("." + this.sessionId + "." + TEMPORARY_FILES.incrementAndGet() + ".json.tmp");
			SeekableByteChannel channel;
			try {
				channel = Files.newByteChannel(temporary, CREATE_NEW, ownerOnly);
			}
			catch (NoSuchFileException ex) {
				if (directoryCreated) {
					throw ex;
				}
				Files.createDirectories(directory);
				directoryCreated = true;
				continue;
			}
			catch (FileAlreadyExistsException ex) {
				// left by a process that stopped while saving this session: take the next number
				continue;
			}
			try {
				try {
					// The generator closes the stream, so the channel, when it is done.
					StateJson.writeSession(new BufferedOutputStream(Channels.newOutputStream(channel),
							WRITE_BUFFER_BYTES), this);
				}
				catch (RuntimeException ex) {
					if (!(ex.getCause() instanceof ClosedByInterruptException)) {
						throw ex;
					}
					// The document does not change: it is written again, whole.
					try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
							StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), WRITE_BUFFER_BYTES)) {
						StateJson.writeSession(out, this);
					}
				}
				finally {
					channel.close();
				}
			}
			catch (IOException | RuntimeException | Error ex) {
				Files.deleteIfExists(temporary);
				throw ex;
			}
			return temporary;
		}
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
