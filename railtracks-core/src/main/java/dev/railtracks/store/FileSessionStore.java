package dev.railtracks.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.railtracks.info.SessionDocument;

/**
 * The default store: each document as {@code {name}_{sessionId}.json} in a directory, as
 * {@link SessionDocument#saveTo(Path)} writes it (atomically; a name unsafe in a file name falls back to
 * {@code {sessionId}.json} with a warning). The directory is resolved at each save, so a {@code .railtracks}
 * directory created while the application runs is found.
 */
public final class FileSessionStore implements SessionStore {

	private final Supplier<Path> directory;

	/**
	 * A store writing to the directory the supplier names at each save.
	 * @param directory the directory, resolved at each save
	 */
	public FileSessionStore(Supplier<Path> directory) {
		this.directory = directory;
	}

	/**
	 * A store writing to a fixed directory.
	 * @param directory the directory, created when missing
	 */
	public FileSessionStore(Path directory) {
		this(() -> directory);
	}

	@Override
	public SavedSession save(SessionDocument document) throws IOException {
		SessionDocument.Saved saved = document.saveTo(this.directory.get());
		String unsafeName = saved.unsafeName();
		List<String> warnings = (unsafeName != null) ? List.of("Name '" + unsafeName
				+ "' could not be included in the file name; falling back to using the unique identifier only")
				: List.of();
		return new SavedSession(saved.file().toString(), warnings);
	}

	/**
	 * The directory it writes to now, which is how a failure to save names the store.
	 * @return the directory
	 */
	@Override
	public String toString() {
		return this.directory.get().toString();
	}

}
