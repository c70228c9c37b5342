package dev.railtracks;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Cleans up after tests that must use the default state directory (the default constructor, a call outside any
 * session): deletes the file a session saved and the default directories, up to {@code .railtracks}, when they are
 * left empty.
 */
final class DefaultStateDirectory {

	private DefaultStateDirectory() {
	}

	/** Where a session without a configured state directory saves. */
	static Path path() {
		return RailtracksHome.sessionsDirectory(RailtracksHome.resolve());
	}

	static void delete(@Nullable Path savedFile) throws IOException {
		if (savedFile != null) {
			Files.deleteIfExists(savedFile);
		}
		Path home = RailtracksHome.resolve();
		for (Path directory = RailtracksHome.sessionsDirectory(home); directory != null
				&& directory.startsWith(home); directory = directory.getParent()) {
			try {
				Files.deleteIfExists(directory);
			}
			catch (DirectoryNotEmptyException ex) {
				return;
			}
		}
	}

}
