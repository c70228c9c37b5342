package dev.railtracks.autoconfigure.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.Streaming;

/**
 * Publishes what happens in sessions as Spring application events, each a {@link RailtracksEvent}:
 * {@link SessionStartedEvent}, a
 * {@link RequestCompletionEvent} or {@link BroadcastEvent} per message (through a subscription to the session's
 * publisher), and {@link SessionClosedEvent}.
 *
 * <p>A listener that throws is logged; the run goes on and every other listener still gets the event. When the
 * publisher is an application context, events go to the context's listeners ({@code @EventListener} methods and
 * singleton {@link ApplicationListener} beans, in their order) through a multicaster of the bridge's own that
 * isolates each listener; the application's multicaster is left alone. Events published this way do not reach a
 * parent context. With any other publisher, a failure stops that publisher's remaining listeners but still never
 * reaches the session.
 */
public final class RailtracksEventBridge implements SessionListener {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksEventBridge.class);

	private final ApplicationEventPublisher publisher;

	private final @Nullable IsolatingMulticaster multicaster;

	/**
	 * A bridge to an application event publisher.
	 * @param publisher where events are published, usually the application context
	 */
	public RailtracksEventBridge(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		this.multicaster = (publisher instanceof AbstractApplicationContext context) ? new IsolatingMulticaster(context)
				: null;
	}

	@Override
	public void sessionStarted(Session session) {
		session.publisher().subscribe((message) -> publish(toEvent(session, message)), "Spring application events");
		publish(new SessionStartedEvent(this, session));
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		publish(new SessionClosedEvent(this, session, finalInfo));
	}

	private RailtracksEvent toEvent(Session session, RequestCompletionMessage message) {
		if (message instanceof Streaming streaming) {
			return new BroadcastEvent(this, session, streaming);
		}
		return new RequestCompletionEvent(this, session, message);
	}

	private void publish(RailtracksEvent event) {
		try {
			if (this.multicaster != null) {
				this.multicaster.multicastEvent(event);
			}
			else {
				this.publisher.publishEvent(event);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("A listener for {} of session {} failed; the session goes on", event.getClass().getSimpleName(),
					event.getSessionId(), ex);
		}
	}

	/**
	 * Multicasts to the listeners an application context knows, resolved on every event with Spring's own
	 * event-type matching, and calls each in its own try/catch.
	 */
	private static final class IsolatingMulticaster extends SimpleApplicationEventMulticaster {

		private final AbstractApplicationContext context;

		IsolatingMulticaster(AbstractApplicationContext context) {
			this.context = context;
		}

		@Override
		protected Collection<ApplicationListener<?>> getApplicationListeners(ApplicationEvent event,
				ResolvableType eventType) {
			Class<?> sourceType = event.getSource().getClass();
			List<ApplicationListener<?>> matching = new ArrayList<>();
			for (ApplicationListener<?> listener : List.copyOf(this.context.getApplicationListeners())) {
				if (supportsEvent(listener, eventType, sourceType)) {
					matching.add(listener);
				}
			}
			AnnotationAwareOrderComparator.sort(matching);
			return matching;
		}

		@Override
		protected void invokeListener(ApplicationListener<?> listener, ApplicationEvent event) {
			try {
				super.invokeListener(listener, event);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener {} failed on {}; the other listeners still get it", listener,
						event.getClass().getSimpleName(), ex);
			}
		}

	}

}
