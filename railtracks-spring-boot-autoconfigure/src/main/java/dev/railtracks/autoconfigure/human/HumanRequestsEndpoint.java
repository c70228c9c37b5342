package dev.railtracks.autoconfigure.human;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.railtracks.HumanRequests;

/**
 * The {@code humanrequests} actuator endpoint: the requests for a person that runs of this application wait for now,
 * oldest first. The arguments of calls to approve are left out (they are node inputs); the HTTP API for approvers
 * lists them, masked unless {@code railtracks.endpoint.show-values} allows them.
 */
@Endpoint(id = "humanrequests")
public class HumanRequestsEndpoint {

	private final HumanRequests requests;

	/**
	 * The endpoint of a registry.
	 * @param requests the registry
	 */
	public HumanRequestsEndpoint(HumanRequests requests) {
		this.requests = requests;
	}

	/**
	 * The pending requests.
	 * @return the requests, oldest first
	 */
	@ReadOperation
	public PendingHumanRequests pending() {
		return new PendingHumanRequests(
				this.requests.pending().stream().map((request) -> HumanRequestDescriptor.of(request, false, false)).toList());
	}

	/**
	 * The response of {@code GET /actuator/humanrequests}.
	 *
	 * @param pending the pending requests, oldest first
	 */
	public record PendingHumanRequests(List<HumanRequestDescriptor> pending) implements OperationResponseBody {
	}

}
