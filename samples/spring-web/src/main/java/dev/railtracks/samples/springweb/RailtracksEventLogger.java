package dev.railtracks.samples.springweb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.railtracks.autoconfigure.event.BroadcastEvent;
import dev.railtracks.autoconfigure.event.RequestCompletionEvent;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;
import dev.railtracks.autoconfigure.event.SessionStartedEvent;
import dev.railtracks.pubsub.RequestCreation;

/**
 * Logs what happens in Railtracks sessions, from plain {@link EventListener} methods. The engine already logs every
 * node call and result at INFO ({@code railtracks.logging-setting=regular}), so the request events are logged here at
 * DEBUG only, to show how to listen without writing each event twice.
 */
@Component
public class RailtracksEventLogger {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksEventLogger.class);

	/**
	 * A session started.
	 * @param event the event
	 */
	@EventListener
	public void onStart(SessionStartedEvent event) {
		logger.debug("Session {} started", event.getSessionId());
	}

	/**
	 * A request was created or finished.
	 * @param event the event
	 */
	@EventListener
	public void onRequest(RequestCompletionEvent event) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		String what = (event.getMessage() instanceof RequestCreation) ? "called" : "finished";
		logger.debug("Session {}: node {} {}", event.getSessionId(), event.getMessage().nodeName(), what);
	}

	/**
	 * A node broadcast something.
	 * @param event the event
	 */
	@EventListener
	public void onBroadcast(BroadcastEvent event) {
		logger.info("Session {} broadcast: {}", event.getSessionId(), event.getItem());
	}

	/**
	 * A session closed.
	 * @param event the event
	 */
	@EventListener
	public void onClose(SessionClosedEvent event) {
		logger.info("Session {} closed with answer: {}", event.getSessionId(), event.getFinalInfo().answer());
	}

}
