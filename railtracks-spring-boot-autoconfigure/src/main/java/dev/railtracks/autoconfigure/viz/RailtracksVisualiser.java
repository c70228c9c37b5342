package dev.railtracks.autoconfigure.viz;

/**
 * Where this application serves the visualiser, for links to it (the {@code railtracks} actuator endpoint links
 * here). A bean when {@code railtracks.viz.enabled} is {@code true}.
 */
public final class RailtracksVisualiser {

	private final String path;

	/**
	 * The visualiser at a path.
	 * @param path its path from the server's root, including any servlet context path, without a trailing {@code /}
	 */
	public RailtracksVisualiser(String path) {
		this.path = path;
	}

	/**
	 * The visualiser's UI.
	 * @return the path of its page, ending with {@code /}
	 */
	public String path() {
		return this.path + "/";
	}

	/**
	 * One session in the visualiser.
	 * @param sessionId the session id
	 * @return the path of the page that opens it
	 */
	public String sessionPath(String sessionId) {
		return path() + "#session=" + sessionId;
	}

}
