package dev.railtracks;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;

import static dev.railtracks.Railtracks.call;

/**
 * Run by {@link StackLimitTests} in a fresh JVM, where nothing on the engine's overflow paths has run (or been linked)
 * before: a node recurses in plain Java and calls a leaf node at every depth until a call overflows the stack. Prints
 * {@code OK} when every attempt's node saw only {@link StackOverflowError}s and left no request open, else what went
 * wrong; exits with 1 then.
 */
public final class StackLimitProbe {

	private static final FunctionNode<String> LEAF = FunctionNode.of("leaf", () -> "leaf");

	private StackLimitProbe() {
	}

	/**
	 * Runs the attempts.
	 * @param args the number of attempts
	 */
	public static void main(String[] args) {
		int attempts = Integer.parseInt(args[0]);
		for (int attempt = 0; attempt < attempts; attempt++) {
			FunctionNode<Integer> deep = FunctionNode.of("deep", () -> recurse(0));
			try (Session session = new Session(TestConfigs.noSave().loggingSetting(LoggingSetting.REGULAR).build())) {
				session.runSync(deep);
				ExecutionInfo info = session.info();
				if (info.requestForest().heads().values().stream().anyMatch((r) -> r.status() == RequestStatus.OPEN)) {
					System.out.println("attempt " + attempt + " left a request open");
					System.exit(1);
				}
			}
			catch (Throwable ex) {
				System.out.println("attempt " + attempt + " failed: " + chain(ex));
				System.exit(1);
			}
		}
		System.out.println("OK");
		System.exit(0);
	}

	private static String chain(Throwable error) {
		StringBuilder text = new StringBuilder(error.toString());
		for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			text.append(" <- ").append(cause);
		}
		return text.toString();
	}

	/** Calls the leaf at every depth until a call overflows the stack, then unwinds. */
	private static int recurse(int depth) {
		try {
			call(LEAF);
		}
		catch (StackOverflowError ex) {
			return depth;
		}
		return recurse(depth + 1);
	}

}
