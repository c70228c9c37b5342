package dev.railtracks.modulepath;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * railtracks-core on the module path: a JVM with the module and its dependencies on the module path runs
 * {@link ModulePathProbe} from the class path (the other tests run on the class path, as most applications do).
 */
class ModulePathTests {

	/** The jars of the module's dependencies, by file-name prefix (everything else of the test class path stays off). */
	private static final List<String> DEPENDENCIES = List.of("jackson-", "micrometer-observation-", "micrometer-commons-",
			"slf4j-api-", "jspecify-", "jsonschema-generator-", "jsonschema-module-jackson-", "classmate-", "resilience4j-");

	@Test
	void aSessionRunsAndSavesOnTheModulePath(@TempDir Path directory) throws Exception {
		List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		List<String> modulePath = new ArrayList<>();
		String probe = null;
		for (String entry : classPath) {
			Path path = Path.of(entry);
			String name = path.getFileName().toString();
			if (name.equals("classes")) {
				modulePath.add(entry);
			}
			else if (name.equals("test-classes")) {
				probe = entry;
			}
			else if (name.endsWith(".jar") && DEPENDENCIES.stream().anyMatch(name::startsWith)) {
				modulePath.add(entry);
			}
		}
		assertThat(probe).as("the test classes on the class path").isNotNull();
		assertThat(Path.of(modulePath.get(0), "module-info.class")).as("the module descriptor").exists();
		Path output = directory.resolve("probe.txt");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--module-path", String.join(File.pathSeparator, modulePath), "--add-modules", "dev.railtracks.core",
				"-cp", probe, ModulePathProbe.class.getName(), directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
		assertThat(Files.readAllLines(output)).as("the probe's output").contains("OK");
		assertThat(process.exitValue()).isZero();
	}

}
