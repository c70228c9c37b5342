package dev.railtracks.autoconfigure.viz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.railtracks.durable.DurableRunInfo;
import dev.railtracks.durable.DurableRunQuery;
import dev.railtracks.durable.DurableRuns;

/**
 * The visualiser's API over durable runs, as Spring MVC handler functions: {@code GET api/durable/runs} lists them
 * (newest first, with {@code operations} telling whether the writes are served), and, with
 * {@code railtracks.viz.durable-operations=true}, {@code POST api/durable/runs/{runId}/cancel}, {@code .../resume} and {@code .../fork} (with
 * {@code {"position": "0.2.1"}}) act on one. A write takes only a JSON body ({@code Content-Type: application/json}),
 * which a page of another site cannot send without the browser asking first; the application's own security (and,
 * with Spring Security, its CSRF protection) applies to these routes as to its other writes. A refused operation (an
 * unknown run, a finished run to resume, a position the run lacks) is a 400 whose {@code error} names the run and
 * what is wrong.
 */
final class VizDurableApi {

	private final DurableRuns runs;

	/** Whether the writes are served: the UI offers its buttons only then. */
	private final boolean operations;

	private final ShowValues showValues;

	private final Set<String> roles;

	VizDurableApi(DurableRuns runs, boolean operations, ShowValues showValues, Set<String> roles) {
		this.runs = runs;
		this.operations = operations;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	ServerResponse runs(ServerRequest request) {
		// A failure's message may quote values: masked (its exception class kept) as the sessions' values are.
		boolean shown = this.showValues.isShown(request.principal().orElse(null),
				request.servletRequest()::isUserInRole, this.roles);
		return answer(() -> {
			List<DurableRunInfo> listed = this.runs.list(DurableRunQuery.all());
			return Map.of("runs", shown ? listed : listed.stream().map(DurableRunInfo::masked).toList(), "operations",
					this.operations);
		});
	}

	ServerResponse operate(ServerRequest request) throws Exception {
		if (!request.headers().contentType().map(MediaType.APPLICATION_JSON::isCompatibleWith).orElse(false)) {
			return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.body(Map.of("error", "Operations on durable runs take a JSON body (Content-Type: application/json)"));
		}
		String runId = request.pathVariable("runId");
		String operation = request.pathVariable("operation");
		OperationBody body;
		try {
			// No body at all reads as an empty one: cancel and resume need nothing.
			body = (request.servletRequest().getContentLengthLong() == 0) ? new OperationBody(null)
					: request.body(OperationBody.class);
		}
		catch (HttpMessageNotReadableException ex) {
			return ServerResponse.badRequest()
				.body(Map.of("error", "The body of an operation on durable run '" + runId
						+ "' is not a JSON object such as {\"position\": \"0.2.1\"}"));
		}
		return answer(() -> switch (operation) {
			case "cancel" -> {
				this.runs.cancel(runId);
				yield Map.of("operation", operation, "runs", List.of(runId));
			}
			case "resume" -> {
				this.runs.resume(runId);
				yield Map.of("operation", operation, "runs", List.of(runId));
			}
			case "fork" -> {
				if (body.position() == null) {
					throw new IllegalArgumentException("Forking durable run '" + runId
							+ "' needs the position of the call to run again from, such as {\"position\": \"0.2.1\"}");
				}
				yield Map.of("operation", operation, "runs", List.of(this.runs.fork(runId, body.position())));
			}
			default -> throw new IllegalArgumentException("Unknown operation '" + operation + "' on durable run '"
					+ runId + "': use cancel, resume or fork");
		});
	}

	private static ServerResponse answer(Supplier<Object> operation) {
		try {
			return ServerResponse.ok().cacheControl(CacheControl.noCache()).body(operation.get());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return ServerResponse.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * The body of an operation.
	 * @param position for a fork: the position of the call to run again from
	 */
	record OperationBody(@Nullable String position) {

	}

}
