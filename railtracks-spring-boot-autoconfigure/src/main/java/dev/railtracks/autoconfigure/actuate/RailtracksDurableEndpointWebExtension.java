package dev.railtracks.autoconfigure.actuate;

import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of the {@link RailtracksDurableEndpoint}: a refused request is a 400 (an unknown run, a position the run
 * does not have, a finished run to resume, ...) or a 404 (an unknown run to show), whose body says why
 * ({@link DurableRunErrorDescriptor}), whatever {@code server.error.include-message} says.
 */
@EndpointWebExtension(endpoint = RailtracksDurableEndpoint.class)
public class RailtracksDurableEndpointWebExtension {

	private final RailtracksDurableEndpoint delegate;

	/**
	 * An extension of {@code delegate}.
	 * @param delegate the endpoint
	 */
	public RailtracksDurableEndpointWebExtension(RailtracksDurableEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * The durable runs a query selects; see {@link RailtracksDurableEndpoint#runs}.
	 * @param securityContext who is asking
	 * @param status the statuses, comma-separated, or {@code null}
	 * @param flow a flow's name, or {@code null}
	 * @param executorId an executor id, or {@code null}
	 * @param startedAfter the earliest start, or {@code null}
	 * @param startedBefore the latest start, or {@code null}
	 * @param limit the most runs, or {@code null}
	 * @return 200 with a {@link DurableRunsDescriptor}, or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> runs(SecurityContext securityContext, @Nullable String status, @Nullable String flow, @Nullable String executorId,
			@Nullable Instant startedAfter, @Nullable Instant startedBefore, @Nullable Integer limit) {
		return respond(() -> this.delegate.runs(securityContext, status, flow, executorId, startedAfter, startedBefore, limit));
	}

	/**
	 * A durable run and its steps; see {@link RailtracksDurableEndpoint#run}.
	 * @param securityContext who is asking
	 * @param runId the run's id
	 * @return 200 with a {@link DurableRunDescriptor}, 404 for an unknown run, or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> run(SecurityContext securityContext, @Selector String runId) {
		WebEndpointResponse<Object> response = respond(() -> this.delegate.run(securityContext, runId));
		if (response.getBody() == null) {
			return new WebEndpointResponse<>(new DurableRunErrorDescriptor("No durable flow has a run with id '" + runId
					+ "'"), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return response;
	}

	/**
	 * Cancels, resumes or forks a durable run; see {@link RailtracksDurableEndpoint#operate}.
	 * @param runId the run's id
	 * @param operation {@code cancel}, {@code resume} or {@code fork}
	 * @param position for {@code fork}: the position of the call to run again from
	 * @param newRunId for {@code fork}: the new run's id, or {@code null}
	 * @return 200 with a {@link DurableOperationDescriptor}, or 400
	 */
	@WriteOperation
	public WebEndpointResponse<Object> operate(@Selector String runId, @Selector String operation,
			@Nullable String position, @Nullable String newRunId) {
		return respond(() -> this.delegate.operate(runId, operation, position, newRunId));
	}

	/**
	 * Recovers the pending runs of an executor that is gone; see {@link RailtracksDurableEndpoint#recover}.
	 * @param executorId the gone instance's executor id
	 * @return 200 with a {@link DurableOperationDescriptor}, or 400
	 */
	@WriteOperation
	public WebEndpointResponse<Object> recover(String executorId) {
		return respond(() -> this.delegate.recover(executorId));
	}

	private static WebEndpointResponse<Object> respond(Supplier<@Nullable Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get());
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(new DurableRunErrorDescriptor(String.valueOf(ex.getReason())),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

}
