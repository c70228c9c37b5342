package com.example.greeting;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

@RestController
public class GreetingController {

	private final SessionFactory sessions;

	private final RailtracksNodeRegistry nodes;

	public GreetingController(SessionFactory sessions, RailtracksNodeRegistry nodes) {
		this.sessions = sessions;
		this.nodes = nodes;
	}

	@GetMapping("/greet")
	public Greeting greet(@RequestParam String names) {
		// One session per request; closing it saves the run to railtracks.state-directory.
		try (Session session = this.sessions.create()) {
			String text = session.call(this.nodes.<String>get("greeter"), names);
			return new Greeting(session.sessionId(), text);
		}
	}

	public record Greeting(String sessionId, String text) {
	}

}
