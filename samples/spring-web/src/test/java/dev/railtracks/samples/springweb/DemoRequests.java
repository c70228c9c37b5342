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
		return get(client, "/plan?goal={goal}", goal);
	}

	/**
	 * Plans a goal with its budget in a currency through {@code GET /plan}.
	 * @param client the client of the running demo
	 * @param goal what to plan
	 * @param currency the budget's currency
	 * @return the response
	 */
	static PlanResponse plan(RestTestClient client, String goal, String currency) {
		return get(client, "/plan?goal={goal}&currency={currency}", goal, currency);
	}

	private static PlanResponse get(RestTestClient client, String uri, Object... variables) {
		PlanResponse response = client.get()
			.uri(uri, variables)
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
