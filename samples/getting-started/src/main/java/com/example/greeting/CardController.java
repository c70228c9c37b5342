package com.example.greeting;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.autoconfigure.SessionFactory;

@RestController
public class CardController {

	private final SessionFactory sessions;

	private final Agent<String> greetingWriter;

	private final Agent<Card> cardWriter;

	public CardController(SessionFactory sessions, Agent<String> greetingWriter, Agent<Card> cardWriter) {
		this.sessions = sessions;
		this.greetingWriter = greetingWriter;
		this.cardWriter = cardWriter;
	}

	@GetMapping("/card")
	public GreetingCard card(@RequestParam String name, @RequestParam String city) {
		try (Session session = this.sessions.create()) {
			// While the session is open, Railtracks.call runs a node as a top-level call in it: two agents, one run.
			String greeting = Railtracks.call(this.greetingWriter, name + " from " + city).text();
			Card card = Railtracks.call(this.cardWriter, greeting).content();
			return new GreetingCard(session.sessionId(), card);
		}
	}

	public record GreetingCard(String sessionId, Card card) {
	}

}
