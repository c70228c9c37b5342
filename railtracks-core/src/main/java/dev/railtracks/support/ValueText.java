package dev.railtracks.support;

import org.jspecify.annotations.Nullable;

/**
 * The text of a value that a node passed or returned, for log lines and the record: its {@code toString()}, or, when
 * that throws (any exception, an {@code Error}, a stack overflow on a value that reaches itself), a note naming the
 * type and the failure. Never throws, so one odd value can cost neither a log line nor the saved record.
 */
public final class ValueText {

	private ValueText() {
	}

	/**
	 * The value's text.
	 * @param value the value, may be {@code null}
	 * @return {@code "null"}, its {@code toString()}, or {@code "(toString() of <type> failed: <error>)"}
	 */
	public static String of(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		try {
			return String.valueOf(value.toString());
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return "(toString() of " + value.getClass().getName() + " failed: " + ex.getClass().getName() + ")";
		}
	}

	/**
	 * The text that stands for a value that cannot be written as JSON data, as the saved record writes it:
	 * {@code "< Unable to serialize <type> > <text>"}, the text being the value's {@linkplain #of(Object) text}.
	 * @param value the value
	 * @return the placeholder
	 */
	public static String unserializable(Object value) {
		return unserializable(value, of(value));
	}

	/**
	 * The placeholder for a value, with a text of the caller's choosing (why it was not written).
	 * @param value the value
	 * @param text what follows the type
	 * @return {@code "< Unable to serialize <type> > <text>"}
	 */
	public static String unserializable(Object value, String text) {
		return "< Unable to serialize " + value.getClass().getName() + " > " + text;
	}

	/**
	 * Lets a failure through that no value should swallow: the JVM running out of memory or breaking. A stack
	 * overflow is not one of them: it is how a value that reaches itself fails, and it has unwound by now.
	 * @param ex what was caught
	 * @throws VirtualMachineError when {@code ex} is one, other than a {@link StackOverflowError}
	 */
	public static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError fatal && !(ex instanceof StackOverflowError)) {
			throw fatal;
		}
	}

}
