package dev.railtracks;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Cleans up after tests that must use {@link ExecutorConfig#DEFAULT_STATE_DIRECTORY} (the default constructor, a call
 * outside any session): deletes the file a session saved and the default directories when they are left empty.
 */
final class DefaultStateDirectory {

	private DefaultStateDirectory() {
	}

	static void delete(@Nullable Path savedFile) throws IOException {
		if (savedFile != null) {
			Files.deleteIfExists(savedFile);
		}
		for (Path directory = ExecutorConfig.DEFAULT_STATE_DIRECTORY; directory != null; directory = directory
			.getParent()) {
			try {
				Files.deleteIfExists(directory);
			}
			catch (DirectoryNotEmptyException ex) {
				return;
			}
		}
	}

}
