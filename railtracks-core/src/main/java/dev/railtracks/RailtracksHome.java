package dev.railtracks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code .railtracks} directory the way the original Railtracks does ({@code paths.py}), so that
 * {@code railtracks viz} run from a project's root finds the files a Java application wrote from a subdirectory:
 * <ol>
 * <li>the {@value #ENVIRONMENT_VARIABLE} environment variable: {@code .railtracks} inside that directory;</li>
 * <li>else the nearest existing {@code .railtracks} directory, walking up from the working directory;</li>
 * <li>else {@code .railtracks} in the working directory, with a warning (once per directory and process).</li>
 * </ol>
 * Sessions save under {@code data/sessions} in it unless {@link ExecutorConfig.Builder#stateDirectory} names a
 * directory.
 */
public final class RailtracksHome {

	/** The environment variable naming the directory that holds {@code .railtracks}. */
	public static final String ENVIRONMENT_VARIABLE = "RAILTRACKS_HOME";

	/** The directory's name. */
	public static final String DIRECTORY_NAME = ".railtracks";

	private static final Logger logger = LoggerFactory.getLogger(RailtracksHome.class);

	/** Fallback directories already warned about: the original warns once per place, not once per session. */
	private static final Set<Path> warned = ConcurrentHashMap.newKeySet();

	private RailtracksHome() {
	}

	/**
	 * The {@code .railtracks} directory for this process's environment and working directory.
	 * @return the directory (it may not exist yet)
	 */
	public static Path resolve() {
		return resolve(System.getenv(ENVIRONMENT_VARIABLE), Path.of("").toAbsolutePath());
	}

	/**
	 * The {@code .railtracks} directory for a given {@value #ENVIRONMENT_VARIABLE} value and working directory.
	 * @param railtracksHome the variable's value; {@code null} or blank means unset
	 * @param workingDirectory where the walk up starts
	 * @return the directory (it may not exist yet)
	 */
	public static Path resolve(@Nullable String railtracksHome, Path workingDirectory) {
		if (railtracksHome != null && !railtracksHome.isBlank()) {
			return Path.of(railtracksHome).resolve(DIRECTORY_NAME);
		}
		Path start = workingDirectory.toAbsolutePath().normalize();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			Path candidate = directory.resolve(DIRECTORY_NAME);
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		Path fallback = start.resolve(DIRECTORY_NAME);
		if (warned.add(fallback)) {
			logger.warn("No '{}' directory found in '{}' or any parent directory. Data will be written to '{}'. Set {} "
					+ "or create '{}' in your project root to set a permanent location.", DIRECTORY_NAME, start,
					fallback, ENVIRONMENT_VARIABLE, DIRECTORY_NAME);
		}
		return fallback;
	}

	/**
	 * Where sessions save their state inside a {@code .railtracks} directory.
	 * @param home the {@code .railtracks} directory
	 * @return {@code home/data/sessions}
	 */
	public static Path sessionsDirectory(Path home) {
		return home.resolve("data").resolve("sessions");
	}

}
