package dev.railtracks.autoconfigure.event;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * publisher is an application context, events go to the context's listeners ({@code @EventListener} and
 * {@code @TransactionalEventListener} methods and singleton {@link ApplicationListener} beans, in their order)
 * through a multicaster of the bridge's own that isolates each listener; the application's multicaster is left
 * alone. Events published this way do not reach a parent context. The listeners of each event type are resolved once
 * and kept until the context's listeners change (one added or removed at runtime counts from the next event), and an
 * event type that no listener takes is not even created. The bridge subscribes to a session's messages only when, as
 * the session starts, someone takes {@link RequestCompletionEvent} or {@link BroadcastEvent}: a listener of those
 * added at runtime gets them from the sessions started after it. With any other publisher, every event is published,
 * and a failure stops that publisher's remaining listeners but still never reaches the session.
 */
public final class RailtracksEventBridge implements SessionListener {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksEventBridge.class);

	/** The name of the bridge's subscription to a session's messages. */
	static final String SUBSCRIBER_NAME = "Spring application events";

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
		// Not subscribed when nobody takes message events: delivering messages on the session's delivery thread is
		// most of the bridge's cost.
		if (listenedTo(RequestCompletionEvent.class) || listenedTo(BroadcastEvent.class)) {
			session.publisher().subscribe((message) -> publishMessage(session, message), SUBSCRIBER_NAME);
		}
		publish(SessionStartedEvent.class, () -> new SessionStartedEvent(this, session));
	}

	private boolean listenedTo(Class<? extends RailtracksEvent> type) {
		return this.multicaster == null || !this.multicaster.listenersOf(type).isEmpty();
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		publish(SessionClosedEvent.class, () -> new SessionClosedEvent(this, session, finalInfo));
	}

	private void publishMessage(Session session, RequestCompletionMessage message) {
		if (message instanceof Streaming streaming) {
			publish(BroadcastEvent.class, () -> new BroadcastEvent(this, session, streaming));
		}
		else {
			publish(RequestCompletionEvent.class, () -> new RequestCompletionEvent(this, session, message));
		}
	}

	private <E extends RailtracksEvent> void publish(Class<E> type, Supplier<E> event) {
		IsolatingMulticaster multicaster = this.multicaster;
		List<ApplicationListener<?>> listeners = (multicaster != null) ? multicaster.listenersOf(type) : List.of();
		if (multicaster != null && listeners.isEmpty()) {
			return;
		}
		E created = event.get();
		try {
			if (multicaster != null) {
				multicaster.deliver(created, listeners);
			}
			else {
				this.publisher.publishEvent(created);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("A listener for {} of session {} failed; the session goes on", type.getSimpleName(),
					created.getSessionId(), ex);
		}
	}

	/**
	 * Delivers to the listeners an application context knows, matched with Spring's own event-type matching once per
	 * event type and source (always this bridge) and matched again only when the context's listeners change; calls
	 * each listener in its own try/catch.
	 */
	private static final class IsolatingMulticaster extends SimpleApplicationEventMulticaster {

		private final AbstractApplicationContext context;

		private volatile Resolved resolved = new Resolved(List.of());

		IsolatingMulticaster(AbstractApplicationContext context) {
			this.context = context;
		}

		/**
		 * The listeners that take an event type, in their order.
		 * @param type the event type
		 * @return its listeners, empty when nobody listens
		 */
		List<ApplicationListener<?>> listenersOf(Class<? extends RailtracksEvent> type) {
			Resolved current = this.resolved;
			if (!current.isFor(this.context.getApplicationListeners())) {
				current = new Resolved(snapshotOfContextListeners());
				this.resolved = current;
			}
			List<ApplicationListener<?>> listeners = current.byType.get(type);
			if (listeners == null) {
				listeners = match(current.contextListeners, type);
				current.byType.put(type, listeners);
			}
			return listeners;
		}

		void deliver(ApplicationEvent event, List<ApplicationListener<?>> listeners) {
			for (ApplicationListener<?> listener : listeners) {
				invokeListener(listener, event);
			}
		}

		private List<ApplicationListener<?>> snapshotOfContextListeners() {
			while (true) {
				try {
					return List.copyOf(this.context.getApplicationListeners());
				}
				catch (ConcurrentModificationException ex) {
					// a listener was added or removed while copying: copy the new set
				}
			}
		}

		private List<ApplicationListener<?>> match(List<ApplicationListener<?>> candidates,
				Class<? extends RailtracksEvent> type) {
			ResolvableType eventType = ResolvableType.forClass(type);
			List<ApplicationListener<?>> matching = new ArrayList<>();
			for (ApplicationListener<?> listener : candidates) {
				if (supportsEvent(listener, eventType, RailtracksEventBridge.class)) {
					matching.add(listener);
				}
			}
			AnnotationAwareOrderComparator.sort(matching);
			return List.copyOf(matching);
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

		/**
		 * The matching listeners of each event type, valid while the context has exactly these listeners.
		 * @param contextListeners the context's listeners when matched, in the context's order
		 * @param byType the listeners of each event type matched so far
		 */
		private record Resolved(List<ApplicationListener<?>> contextListeners,
				Map<Class<? extends RailtracksEvent>, List<ApplicationListener<?>>> byType) {

			Resolved(List<ApplicationListener<?>> contextListeners) {
				this(contextListeners, new ConcurrentHashMap<>());
			}

			/**
			 * Whether the context's current listeners are the ones matched: the same objects in the same order, which
			 * costs a walk over the set (no copy, no type resolution).
			 */
			boolean isFor(Iterable<ApplicationListener<?>> current) {
				int i = 0;
				try {
					for (ApplicationListener<?> listener : current) {
						if (i == this.contextListeners.size() || this.contextListeners.get(i) != listener) {
							return false;
						}
						i++;
					}
				}
				catch (ConcurrentModificationException ex) {
					return false;
				}
				return i == this.contextListeners.size();
			}

		}

	}

}
