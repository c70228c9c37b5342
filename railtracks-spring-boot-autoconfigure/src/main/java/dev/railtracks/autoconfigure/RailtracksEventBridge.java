package dev.railtracks.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.Streaming;
import dev.railtracks.state.ExecutionInfo;

/**
 * Publishes what happens in sessions as Spring application events: {@link SessionStartedEvent}, a
 * {@link RequestCompletionEvent} or {@link BroadcastEvent} per message (through a subscription to the session's
 * publisher), and {@link SessionClosedEvent}. A listener that throws is logged; the run goes on.
 */
public final class RailtracksEventBridge implements SessionListener {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksEventBridge.class);

	private final ApplicationEventPublisher publisher;

	/**
	 * A bridge to an application event publisher.
	 * @param publisher where events are published, usually the application context
	 */
	public RailtracksEventBridge(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void sessionStarted(Session session) {
		String sessionId = session.identifier();
		session.publisher().subscribe((message) -> publish(sessionId, toEvent(sessionId, message)),
				"Spring application events");
		publish(sessionId, new SessionStartedEvent(this, session));
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		publish(session.identifier(), new SessionClosedEvent(this, session, finalInfo));
	}

	private ApplicationEvent toEvent(String sessionId, RequestCompletionMessage message) {
		if (message instanceof Streaming streaming) {
			return new BroadcastEvent(this, sessionId, streaming);
		}
		return new RequestCompletionEvent(this, sessionId, message);
	}

	private void publish(String sessionId, ApplicationEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener for {} of session {} failed; the session goes on", event.getClass().getSimpleName(),
					sessionId, ex);
		}
	}

}
