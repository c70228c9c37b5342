package dev.railtracks.modulepath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.middleware.Retry;

/**
 * Run by {@link ModulePathTests} in a JVM with railtracks-core on the module path and this class on the class path:
 * checks that the module is the named module {@code dev.railtracks.core}, that it hides the engine, the record's writer
 * and the utilities, and that a session finds its engine (the {@code Engine} service), runs a node and saves its JSON.
 * Prints {@code OK}, or what went wrong and exits with 1.
 */
public final class ModulePathProbe {

	private ModulePathProbe() {
	}

	/**
	 * Runs the checks.
	 * @param args the directory to save the session in
	 * @throws Exception when reading the saved file fails
	 */
	public static void main(String[] args) throws Exception {
		Module core = Session.class.getModule();
		check(core.isNamed() && "dev.railtracks.core".equals(core.getName()), "not a named module: " + core);
		for (String hidden : List.of("dev.railtracks.internal", "dev.railtracks.support", "dev.railtracks.info.access")) {
			check(!core.isExported(hidden), hidden + " is exported");
		}
		check(core.isExported("dev.railtracks.info"), "the record is not exported");
		Path directory = Path.of(args[0]);
		check(core.isExported("dev.railtracks.middleware"), "the prebuilt middleware is not exported");
		// Retry runs on Resilience4j, an automatic module: the call proves it is readable from the module path.
		FunctionNode<Integer> length = FunctionNode.of("length", (String text) -> text.length());
		try (Session session = new Session(
				ExecutorConfig.builder()
					.stateDirectory(directory)
					.runIdentifier("module-path")
					.addNodeMiddleware(Retry.ofDefaults())
					.build())) {
			Integer result = session.call(length, "railtracks");
			check(Integer.valueOf(10).equals(result), "the node answered " + result);
		}
		JsonNode saved = JsonMapper.shared().readTree(Files.readString(directory.resolve("_module-path.json")));
		check("length".equals(saved.get("runs").get(0).get("name").asString()), "saved " + saved);
		System.out.println("OK");
	}

	private static void check(boolean condition, String problem) {
		if (!condition) {
			System.out.println(problem);
			System.exit(1);
		}
	}

}
