package dev.railtracks.samples.springweb;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with the endpoint's default {@code show-values} ({@code never}): values are masked over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railtracks.endpoint.show-values=never")
@AutoConfigureRestTestClient
class SpringWebApplicationMaskedValuesIntegrationTests {

	@TempDir
	static Path stateDirectory;

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void sessionGraphMasksInputsAndOutputs() {
		PlanResponse response = this.client.get()
			.uri("/plan?goal={goal}", "bake bread")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PlanResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		this.client.get()
			.uri("/actuator/railtracks/{id}", response.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.valuesShown")
			.isEqualTo(false)
			.jsonPath("$.graph.nodes.length()")
			.isEqualTo(4)
			.jsonPath("$.graph.edges[?(@.target)].details.input_args[0]")
			.value((args) -> assertThat(args.toString()).contains("******").doesNotContain("bake bread"));
		String body = this.client.get()
			.uri("/actuator/railtracks/{id}", response.sessionId())
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"output\":\"******\"").doesNotContain("bake bread").doesNotContain("Plan for");
	}

}
