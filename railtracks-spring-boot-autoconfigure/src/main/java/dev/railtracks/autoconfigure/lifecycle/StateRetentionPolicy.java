package dev.railtracks.autoconfigure.lifecycle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * Which saved state files a directory keeps: at most {@code maxFiles} of them, none older than {@code maxAge}, and at
 * most {@code maxTotalSize} bytes together; the oldest (by modification time) go first. Only saved state files count:
 * names ending in {@code .json} that do not start with a dot (a save in progress writes a hidden temporary file).
 *
 * @param maxFiles the most files kept
 * @param maxAge the oldest a kept file may be
 * @param maxTotalSize the most bytes kept together
 */
record StateRetentionPolicy(int maxFiles, Duration maxAge, DataSize maxTotalSize) {

	/**
	 * Deletes what the policy does not keep.
	 * @param directory the state directory; a missing one holds nothing
	 * @param now the time ages are measured from
	 * @return how many files and bytes were deleted
	 * @throws IOException when the directory cannot be listed
	 */
	Swept sweep(Path directory, Instant now) throws IOException {
		List<StateFile> files = list(directory);
		files.sort(Comparator.comparing(StateFile::modified).reversed());
		Instant oldestKept = now.minus(this.maxAge);
		long keptBytes = 0;
		int kept = 0;
		int deleted = 0;
		long deletedBytes = 0;
		for (StateFile file : files) {
			boolean keep = kept < this.maxFiles && !file.modified().isBefore(oldestKept)
					&& keptBytes + file.size() <= this.maxTotalSize.toBytes();
			if (keep) {
				kept++;
				keptBytes += file.size();
			}
			else if (Files.deleteIfExists(file.path())) {
				deleted++;
				deletedBytes += file.size();
			}
		}
		return new Swept(deleted, deletedBytes, kept, keptBytes);
	}

	private static List<StateFile> list(Path directory) throws IOException {
		List<StateFile> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, StateRetentionPolicy::isStateFile)) {
			for (Path entry : entries) {
				try {
					BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
					if (attributes.isRegularFile()) {
						files.add(new StateFile(entry, attributes.lastModifiedTime().toInstant(), attributes.size()));
					}
				}
				catch (NoSuchFileException ex) {
					// deleted meanwhile (another sweep, a user): nothing to keep or delete
				}
			}
		}
		catch (NoSuchFileException ex) {
			return files;
		}
		return files;
	}

	private static boolean isStateFile(Path entry) {
		String name = entry.getFileName().toString();
		return name.endsWith(".json") && !name.startsWith(".");
	}

	private record StateFile(Path path, Instant modified, long size) {
	}

	/**
	 * The outcome of a sweep.
	 * @param deletedFiles files deleted
	 * @param deletedBytes their bytes
	 * @param keptFiles files kept
	 * @param keptBytes their bytes
	 */
	record Swept(int deletedFiles, long deletedBytes, int keptFiles, long keptBytes) {
	}

}
