package dev.railtracks.viz;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the visualiser's JSON API, ready for any transport: an HTTP status and a JSON body. Both servers (the
 * command-line {@link VizServer} and the Spring Boot routes) send exactly these, so they cannot answer differently.
 */
public final class VizResponse {

	/** The content type of every body. */
	public static final String CONTENT_TYPE = "application/json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int status;

	private final byte[] body;

	private VizResponse(int status, byte[] body) {
		this.status = status;
		this.body = body;
	}

	static VizResponse ok(byte[] body) {
		return new VizResponse(200, body);
	}

	static VizResponse error(int status, String message) {
		return new VizResponse(status, JSON.writeValueAsBytes(Map.of("error", message)));
	}

	/**
	 * The HTTP status: 200, 400 (an id that is not a session id, a file that is not a session) or 404 (no such
	 * session).
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The JSON body, {@code {"error": "..."}} for an error. The array is this answer's own, not a copy: send it, do
	 * not change it.
	 * @return the body as UTF-8 JSON
	 */
	public byte[] body() {
		return this.body;
	}

	@Override
	public String toString() {
		return "VizResponse[" + this.status + ", " + this.body.length + " bytes]";
	}

}
