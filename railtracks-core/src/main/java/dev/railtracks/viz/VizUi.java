package dev.railtracks.viz;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The visualiser's web UI: static HTML, CSS and JavaScript in this jar under {@value #LOCATION}, a classpath location
 * that Spring Boot does not serve by itself, so every server serves exactly these files. The UI reads the session
 * API relative to its own address ({@code api/sessions}, {@code api/sessions/{id}}).
 */
public final class VizUi {

	/** Where the UI's files are on the classpath. */
	public static final String LOCATION = "dev/railtracks/viz/ui/";

	/** The page that starts the UI. */
	public static final String INDEX = "index.html";

	/** File names the UI may have: one path segment, so no request can reach beyond {@link #LOCATION}. */
	private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg|png)");

	private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "css",
			"text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png",
			"image/png");

	private VizUi() {
	}

	/**
	 * Opens one of the UI's files.
	 * @param name a file name such as {@code app.js}
	 * @return the file's content, or empty when the UI has no such file
	 */
	public static Optional<InputStream> open(String name) {
		if (!FILE_NAME.matcher(name).matches()) {
			return Optional.empty();
		}
		return Optional.ofNullable(VizUi.class.getClassLoader().getResourceAsStream(LOCATION + name));
	}

	/**
	 * The content type of one of the UI's files.
	 * @param name a file name accepted by {@link #open(String)}
	 * @return its content type
	 */
	public static String contentType(String name) {
		String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
		return (type != null) ? type : "application/octet-stream";
	}

}
