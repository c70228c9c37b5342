package com.example.greeting;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class GreetingControllerTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private SessionWriter sessionWriter;

	@Test
	void greetsEveryoneAndSavesTheRun() {
		GreetingController.Greeting greeting = this.client.get()
			.uri("/greet?names=ada,grace")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(GreetingController.Greeting.class)
			.returnResult()
			.getResponseBody();

		assertThat(greeting).isNotNull();
		assertThat(greeting.text()).isEqualTo("Hello, Ada and Grace!");
		// Sessions save in the background: flush() waits for the file. No session name is set, so the file is "_"
		// and the session id.
		this.sessionWriter.flush();
		Path saved = Path.of("target/railtracks/sessions", "_" + greeting.sessionId() + ".json");
		assertThat(Files.exists(saved)).isTrue();
	}

}
