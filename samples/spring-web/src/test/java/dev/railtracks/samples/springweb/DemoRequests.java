package dev.railtracks.samples.springweb;

import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's requests that the visualiser's tests make.
 */
final class DemoRequests {

	private DemoRequests() {
	}

	/**
	 * Plans a goal through {@code GET /plan}, which runs and closes one session.
	 * @param client the client of the running demo
	 * @param goal what to plan
	 * @return the response
	 */
	static PlanResponse plan(RestTestClient client, String goal) {
		PlanResponse response = client.get()
			.uri("/plan?goal={goal}", goal)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PlanResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		return response;
	}

}
