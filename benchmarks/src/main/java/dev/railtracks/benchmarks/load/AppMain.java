package dev.railtracks.benchmarks.load;

import java.io.File;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * The entry point of a child JVM that {@link AppProcess} starts: runs one {@link TripApp} and writes the port its
 * server took (the child listens on an ephemeral port) to a file the driver waits for.
 */
public final class AppMain {

	private AppMain() {
	}

	/**
	 * Runs an app.
	 * @param args the {@link TripApp}'s name, the port file, then the app's own arguments
	 */
	public static void main(String[] args) {
		if (args.length < 2) {
			throw new IllegalArgumentException("Usage: AppMain <" + Arrays.toString(TripApp.values())
					+ "> <port file> [app arguments]; got " + Arrays.toString(args));
		}
		SpringApplication application = TripApp.valueOf(args[0]).application();
		application.addListeners(new WebServerPortFileWriter(new File(args[1])));
		application.run(Arrays.copyOfRange(args, 2, args.length));
	}

}
