package com.example.greeting;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.LinkedNode;
import dev.railtracks.info.NodeType;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CardControllerTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private SessionFactory sessions;

	@Autowired
	private Agent<String> greetingWriter;

	@Test
	void writesACardInTheLanguageOfTheGuestsCity() {
		CardController.GreetingCard response = this.client.get()
			.uri("/card?name=Ada&city=Kyoto")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CardController.GreetingCard.class)
			.returnResult()
			.getResponseBody();

		assertThat(response).isNotNull();
		assertThat(response.card()).isEqualTo(new Card("Japanese", "Konnichiwa, Ada!"));
	}

	@Test
	void theWriterCallsEachToolOnce() {
		try (Session session = this.sessions.create()) {
			ExecutionInfo info = session.runSync(this.greetingWriter, "Grace from Paris");

			// The record of the run: every tool call is a node of type Tool.
			assertThat(info.count(NodeType.TOOL)).isEqualTo(2);
			assertThat(info.nodes(NodeType.TOOL)).extracting(LinkedNode::name).containsExactly("language", "hello");
		}
	}

}
