package dev.railtracks.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.SessionDocument;

/**
 * The default store: each document as {@code {name}_{sessionId}.json} in a directory, as
 * {@link SessionDocument#saveTo(Path)} writes it (atomically; a name unsafe in a file name falls back to
 * {@code {sessionId}.json} with a warning). The directory is resolved at each call, so a {@code .railtracks}
 * directory created while the application runs is found.
 * <p>
 * Listing reads only the files directly in the directory whose names end in {@code .json} and do not start with a dot
 * (a save in progress writes a hidden temporary file), never a path built from a request; summaries are cached per
 * file until it changes. Retention deletes files by modification time. Only regular files count: a symbolic link in
 * the directory is not followed — never listed, opened, counted or deleted — so a link named like a state file
 * cannot serve a file from elsewhere.
 */
public final class FileSessionStore implements SessionStore {

	private static final Logger logger = LoggerFactory.getLogger(FileSessionStore.class);

	private static final String SUFFIX = ".json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Supplier<Path> directory;

	private final Map<Path, Cached> summaries = new ConcurrentHashMap<>();

	/**
	 * What {@link #retain} learnt of each entry it listed (modification time, size, whether a regular file), kept
	 * between sweeps so that a sweep reads the attributes of new names only; guarded by {@code this}.
	 */
	private Map<Path, StateFile> retained = new HashMap<>();

	/**
	 * A store over the directory the supplier names at each call.
	 * @param directory the directory, resolved at each call
	 */
	public FileSessionStore(Supplier<Path> directory) {
		this.directory = directory;
	}

	/**
	 * A store over a fixed directory, which need not exist yet.
	 * @param directory the directory, created by the first save
	 */
	public FileSessionStore(Path directory) {
		this(() -> directory);
	}

	/**
	 * The directory the store uses now.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory.get();
	}

	@Override
	public SavedSession save(SessionDocument document) throws IOException {
		SessionDocument.Saved saved = document.saveTo(directory());
		String unsafeName = saved.unsafeName();
		List<String> warnings = (unsafeName != null) ? List.of("Name '" + unsafeName
				+ "' could not be included in the file name; falling back to using the unique identifier only")
				: List.of();
		return new SavedSession(saved.file().toString(), warnings);
	}

	/**
	 * {@inheritDoc} A file that cannot be read as a session (half-written, not JSON, not a session) is listed with an
	 * {@link StoredSession#error() error} instead of being dropped, so the user sees why. An absent directory has no
	 * sessions.
	 */
	@Override
	public List<StoredSession> list(int limit) throws IOException {
		List<StoredSession> sessions = new ArrayList<>();
		List<Path> files = files();
		for (Path file : files) {
			summary(file).ifPresent(sessions::add);
		}
		this.summaries.keySet().retainAll(files);
		sessions.sort(Comparator.comparing((StoredSession session) -> (session.startTime() != null)
				? session.startTime() : Double.NEGATIVE_INFINITY).reversed());
		return (sessions.size() > limit) ? List.copyOf(sessions.subList(0, limit)) : sessions;
	}

	/**
	 * {@inheritDoc} The file is a {@code {sessionId}.json} or {@code {name}_{sessionId}.json} whose content has that
	 * session id (the newest if several do). When only an unreadable file has a matching name, that file is returned,
	 * so the caller can report what is wrong with it.
	 */
	@Override
	public Optional<StoredDocument> open(String sessionId) throws IOException {
		SessionIds.require(sessionId);
		Path newest = null;
		double newestStart = Double.NEGATIVE_INFINITY;
		Path unreadable = null;
		for (Path file : files()) {
			String name = file.getFileName().toString();
			if (!name.equals(sessionId + SUFFIX) && !name.endsWith("_" + sessionId + SUFFIX)) {
				continue;
			}
			StoredSession summary = summary(file).orElse(null);
			if (summary == null) {
				continue;
			}
			if (summary.error() != null) {
				unreadable = file;
			}
			// "x_a_b.json" also ends with "_b.json": only a file whose content is session b is session b's.
			else if (sessionId.equals(summary.sessionId())) {
				double start = (summary.startTime() != null) ? summary.startTime() : Double.NEGATIVE_INFINITY;
				if (newest == null || start > newestStart) {
					newest = file;
					newestStart = start;
				}
			}
		}
		Path found = (newest != null) ? newest : unreadable;
		if (found == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new StoredDocument(found.getFileName().toString(), readAllBytes(found)));
		}
		catch (NoSuchFileException ex) {
			// Deleted since it was listed (retention, a user): no longer saved.
			return Optional.empty();
		}
	}

	/**
	 * {@inheritDoc} Files are ranked newest first by modification time; a file goes when it is past
	 * {@code maxSessions}, modified before {@code now - maxAge}, or when the files up to and including it pass
	 * {@code maxTotalBytes} (so a large file takes every older one with it, as in the JDBC store). Only saved state
	 * files count, as for {@link #list(int)}.
	 * <p>
	 * A sweep lists the directory's names but reads the attributes only of names earlier sweeps of this store did not
	 * see: a saving application sweeps after every few saves, and reading every file's attributes each time cost more
	 * than the saves. A file is read again before it is deleted, so one replaced since (saved again under the same
	 * name) is ranked by its new time; when a file would go for the count or the bytes, the files ranked ahead of it
	 * are read again too, since their times and sizes decide. A sweep that deletes nothing, or only files past
	 * {@code maxAge}, reads no learnt file again; a kept file replaced since then counts with its old size and time.
	 */
	@Override
	public synchronized RetentionPolicy.Outcome retain(RetentionPolicy policy, Instant now) throws IOException {
		List<StateFile> files = new ArrayList<>();
		Map<Path, StateFile> listed = new HashMap<>();
		for (Path entry : stateFileNames()) {
			StateFile file = this.retained.get(entry);
			if (file == null) {
				file = attributes(entry);
			}
			if (file != null) {
				listed.put(entry, file);
				if (file.regular()) {
					files.add(file);
				}
			}
		}
		this.retained = listed;
		Instant oldestKept = now.minus(policy.maxAge());
		List<StateFile> doomed = rankAndConfirm(files, policy, oldestKept);
		int deleted = 0;
		long deletedBytes = 0;
		long doomedBytes = 0;
		for (StateFile file : doomed) {
			doomedBytes += file.size();
			this.retained.remove(file.path());
			if (Files.deleteIfExists(file.path())) {
				deleted++;
				deletedBytes += file.size();
			}
		}
		long keptBytes = -doomedBytes;
		for (StateFile file : files) {
			keptBytes += file.size();
		}
		return new RetentionPolicy.Outcome(deleted, deletedBytes, files.size() - doomed.size(), keptBytes);
	}

	/**
	 * Ranks the files newest first and picks those the policy does not keep, each read again first, and, when the
	 * first of them goes for the count or the bytes rather than its age, every file ranked ahead of it too (a kept
	 * file saved again smaller, or restored with an older time, would otherwise push out one that fits); one whose
	 * attributes changed since they were learnt is ranked again with the new ones.
	 * @return the files to delete; {@code files} is left ranked and with the attributes read
	 */
	private List<StateFile> rankAndConfirm(List<StateFile> files, RetentionPolicy policy, Instant oldestKept)
			throws IOException {
		Set<Path> confirmed = new HashSet<>();
		while (true) {
			files.sort(Comparator.comparing(StateFile::modified).reversed());
			List<StateFile> doomed = new ArrayList<>();
			boolean changed = false;
			long runningBytes = 0;
			for (int position = 0; position < files.size(); position++) {
				StateFile file = files.get(position);
				runningBytes += file.size();
				boolean keep = position < policy.maxSessions() && !file.modified().isBefore(oldestKept)
						&& runningBytes <= policy.maxTotalBytes();
				if (keep) {
					continue;
				}
				changed = confirm(files, position, confirmed);
				// Past the count or the bytes, a file goes because of the files ranked ahead of it: their learnt
				// times and sizes decide, so they are read again too (once), unless its own age is reason enough.
				if (!changed && doomed.isEmpty() && !file.modified().isBefore(oldestKept)) {
					for (int ahead = 0; ahead < position && !changed; ahead++) {
						changed = confirm(files, ahead, confirmed);
					}
				}
				if (changed) {
					break;
				}
				doomed.add(file);
			}
			if (!changed) {
				return doomed;
			}
		}
	}

	/**
	 * Reads a ranked file's attributes again, unless this sweep already did.
	 * @return whether they changed since they were learnt (the file is then updated in {@code files})
	 */
	private boolean confirm(List<StateFile> files, int position, Set<Path> confirmed) throws IOException {
		StateFile file = files.get(position);
		if (!confirmed.add(file.path())) {
			return false;
		}
		StateFile current = attributes(file.path());
		if (file.equals(current)) {
			return false;
		}
		update(files, position, current);
		return true;
	}

	/** Replaces what was learnt of a file: gone or no longer a regular file, it leaves the ranking. */
	private void update(List<StateFile> files, int position, @Nullable StateFile current) {
		StateFile before = files.get(position);
		if (current == null) {
			this.retained.remove(before.path());
			files.remove(position);
			return;
		}
		this.retained.put(current.path(), current);
		if (current.regular()) {
			files.set(position, current);
		}
		else {
			files.remove(position);
		}
	}

	/**
	 * The directory it uses now, absolute, which is how a failure names the store.
	 * @return the directory
	 */
	@Override
	public String toString() {
		return directory().toAbsolutePath().toString();
	}

	private List<Path> files() throws IOException {
		List<Path> files = new ArrayList<>();
		for (StateFile file : stateFiles()) {
			files.add(file.path());
		}
		return files;
	}

	private List<StateFile> stateFiles() throws IOException {
		List<StateFile> files = new ArrayList<>();
		for (Path entry : stateFileNames()) {
			StateFile file = attributes(entry);
			if (file != null && file.regular()) {
				files.add(file);
			}
		}
		return files;
	}

	/** The entries named like state files, without reading their attributes; none when the directory is absent. */
	private List<Path> stateFileNames() throws IOException {
		List<Path> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory(), FileSessionStore::isStateFile)) {
			entries.forEach(names::add);
		}
		catch (NoSuchFileException ex) {
			return names;
		}
		return names;
	}

	/** An entry's attributes, a symbolic link's own; {@code null} when it was deleted meanwhile (retention, a user). */
	private static @Nullable StateFile attributes(Path entry) throws IOException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return new StateFile(entry, attributes.lastModifiedTime().toInstant(), attributes.size(),
					attributes.isRegularFile());
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private static boolean isStateFile(Path entry) {
		String name = entry.getFileName().toString();
		return name.endsWith(SUFFIX) && !name.startsWith(".");
	}

	private Optional<StoredSession> summary(Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(SessionEnvelope.unreadable(file.getFileName().toString(), "unknown",
					"cannot be read: " + ex.getMessage()));
		}
		String revision = attributes.lastModifiedTime().toMillis() + "-" + attributes.size();
		Cached cached = this.summaries.get(file);
		if (cached != null && cached.revision.equals(revision)) {
			return Optional.of(cached.summary);
		}
		StoredSession summary = read(file, revision);
		this.summaries.put(file, new Cached(revision, summary));
		return Optional.of(summary);
	}

	private static StoredSession read(Path file, String revision) {
		String name = file.getFileName().toString();
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS); JsonParser json = JSON.createParser(in)) {
			StoredSession summary = SessionEnvelope.read(json, name, revision);
			if (summary.error() != null) {
				logger.warn("Saved session file {} cannot be listed: {}", file, summary.error());
			}
			return summary;
		}
		catch (NoSuchFileException ex) {
			return SessionEnvelope.unreadable(name, revision, "was deleted while being read");
		}
		catch (JacksonException | IOException ex) {
			return SessionEnvelope.unreadable(name, revision, "cannot be read: " + ex.getMessage());
		}
	}

	/** Reads a listed file, refusing a symbolic link put in its place since it was listed. */
	private static byte[] readAllBytes(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			return in.readAllBytes();
		}
	}

	/** A directory entry named like a state file; only a regular one is a saved session. */
	private record StateFile(Path path, Instant modified, long size, boolean regular) {
	}

	private record Cached(String revision, StoredSession summary) {
	}

}
