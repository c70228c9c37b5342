package dev.railtracks.autoconfigure.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.pubsub.RequestCreation;
import dev.railtracks.pubsub.RequestSuccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RailtracksEventBridgeTests {

	private static final FunctionNode<String> SHOUT = FunctionNode.of("shout", (String text) -> {
		Railtracks.broadcast("shouting " + text);
		return text.toUpperCase();
	});

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void eventListenersReceiveEveryEventOfASessionInOrder() {
		this.contextRunner.withUserConfiguration(RecordingListenerConfiguration.class).run((context) -> {
			RecordingListener listener = context.getBean(RecordingListener.class);
			String sessionId;
			try (Session session = context.getBean(SessionFactory.class).create()) {
				sessionId = session.identifier();
				session.runSync(SHOUT, "hello");
			}
			List<ApplicationEvent> events = listener.events;
			assertThat(events).hasSize(5);
			assertThat(events.get(0)).isInstanceOfSatisfying(SessionStartedEvent.class,
					(started) -> assertThat(started.getSessionId()).isEqualTo(sessionId));
			assertThat(events.get(1)).isInstanceOfSatisfying(RequestCompletionEvent.class, (created) -> {
				assertThat(created.getSessionId()).isEqualTo(sessionId);
				assertThat(created.getMessage()).isInstanceOf(RequestCreation.class);
				assertThat(created.getMessage().nodeName()).isEqualTo("shout");
			});
			assertThat(events.get(2)).isInstanceOfSatisfying(BroadcastEvent.class, (broadcast) -> {
				assertThat(broadcast.getSessionId()).isEqualTo(sessionId);
				assertThat(broadcast.getItem()).isEqualTo("shouting hello");
			});
			assertThat(events.get(3)).isInstanceOfSatisfying(RequestCompletionEvent.class,
					(done) -> assertThat(done.getMessage()).isInstanceOfSatisfying(RequestSuccess.class,
							(success) -> assertThat(success.result()).isEqualTo("HELLO")));
			assertThat(events.get(4)).isInstanceOfSatisfying(SessionClosedEvent.class, (closed) -> {
				ExecutionInfo info = closed.getFinalInfo();
				assertThat(closed.getSessionId()).isEqualTo(sessionId);
				assertThat(info.answer()).isEqualTo("HELLO");
			});
		});
	}

	@Test
	void aListenerOfTheCommonTypeReceivesEveryKindInOrderBesideTheTypedListeners() {
		this.contextRunner.withUserConfiguration(RecordingListenerConfiguration.class, CommonTypeListener.class)
			.withPropertyValues("railtracks.session-name=events")
			.run((context) -> {
				String sessionId;
				try (Session session = context.getBean(SessionFactory.class).create()) {
					sessionId = session.identifier();
					session.runSync(SHOUT, "hello");
				}
				List<RailtracksEvent> events = context.getBean(CommonTypeListener.class).events;
				assertThat(events).extracting((event) -> event.getClass().getSimpleName())
					.containsExactly("SessionStartedEvent", "RequestCompletionEvent", "BroadcastEvent",
							"RequestCompletionEvent", "SessionClosedEvent");
				assertThat(events).allSatisfy((event) -> {
					assertThat(event.getSessionId()).isEqualTo(sessionId);
					assertThat(event.getSession().identifier()).isEqualTo(sessionId);
					assertThat(event.getSessionName()).isEqualTo("events");
					assertThat(event.getFlowName()).isNull();
					assertThat(event.getSource()).isSameAs(context.getBean(RailtracksEventBridge.class));
				});
				assertThat(events).extracting(RailtracksEvent::getTimestamp).isSorted();
				assertThat(context.getBean(RecordingListener.class).events).containsExactlyElementsOf(events);
			});
	}

	@Test
	void aThrowingPublisherNeverReachesTheSession() {
		List<ApplicationEvent> attempts = new CopyOnWriteArrayList<>();
		ApplicationEventPublisher throwing = (event) -> {
			attempts.add((ApplicationEvent) event);
			throw new IllegalStateException("publisher failure");
		};
		RailtracksEventBridge bridge = new RailtracksEventBridge(throwing);
		try (Session session = new Session(
				ExecutorConfig.builder().saveState(false).loggingSetting(LoggingSetting.NONE).build())) {
			// called directly: the session's own isolation of listeners must not hide a leak from the bridge
			assertThatNoException().isThrownBy(() -> bridge.sessionStarted(session));
			assertThat(session.runSync(SHOUT, "still works").answer()).isEqualTo("STILL WORKS");
			assertThatNoException().isThrownBy(() -> bridge.sessionClosed(session, session.info()));
		}
		assertThat(attempts).hasSize(5);
	}

	@Test
	void aThrowingListenerDoesNotKeepTheEventFromLaterListeners() {
		this.contextRunner.withUserConfiguration(ThrowingListenerConfiguration.class, RecordingListenerConfiguration.class)
			.run((context) -> {
				ThrowingListener throwing = context.getBean(ThrowingListener.class);
				RecordingListener recording = context.getBean(RecordingListener.class);
				try (Session session = context.getBean(SessionFactory.class).create()) {
					assertThat(session.runSync(SHOUT, "still works").answer()).isEqualTo("STILL WORKS");
				}
				assertThat(throwing.calls).hasSize(5);
				assertThat(recording.events).hasSize(5);
				assertThat(recording.order).containsExactly("throwing first", "recording second", "throwing first",
						"recording second", "throwing first", "recording second", "throwing first", "recording second",
						"throwing first", "recording second");
			});
	}

	@Test
	void sessionsNotMadeByTheFactoryPublishNothing() {
		this.contextRunner.withUserConfiguration(RecordingListenerConfiguration.class).run((context) -> {
			try (Session session = new Session(context.getBean(SessionFactory.class).config())) {
				session.runSync(SHOUT, "quiet");
			}
			assertThat(context.getBean(RecordingListener.class).events).isEmpty();
		});
	}

	@Test
	void listenersAreMatchedOncePerEventTypeNotOnEveryEvent() {
		this.contextRunner.withUserConfiguration(CountingListenerConfiguration.class).run((context) -> {
			for (int i = 0; i < 3; i++) {
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(SHOUT, "run " + i);
				}
			}
			CountingListener listener = context.getBean(CountingListener.class);
			assertThat(listener.received).hasValue(15);
			// one question per event type the bridge publishes, however many events of it there are
			assertThat(listener.asked).filteredOn(RailtracksEvent.class::isAssignableFrom)
				.containsExactlyInAnyOrder(SessionStartedEvent.class, RequestCompletionEvent.class, BroadcastEvent.class,
						SessionClosedEvent.class);
		});
	}

	@Test
	void aListenerAddedAtRuntimeGetsTheNextEventsAndARemovedOneNoLonger() {
		this.contextRunner.withUserConfiguration(RecordingListenerConfiguration.class).run((context) -> {
			ConfigurableApplicationContext applicationContext = context.getSourceApplicationContext();
			SessionFactory factory = context.getBean(SessionFactory.class);
			try (Session session = factory.create()) {
				session.runSync(SHOUT, "before");
			}
			// added once every event of the first session was delivered (messages arrive on a delivery thread)
			AddedLater added = new AddedLater();
			applicationContext.addApplicationListener(added);
			try (Session session = factory.create()) {
				session.runSync(SHOUT, "after");
			}
			assertThat(added.events).extracting((event) -> event.getClass().getSimpleName())
				.containsExactly("SessionStartedEvent", "RequestCompletionEvent", "BroadcastEvent",
						"RequestCompletionEvent", "SessionClosedEvent");
			applicationContext.removeApplicationListener(added);
			try (Session session = factory.create()) {
				session.runSync(SHOUT, "removed");
			}
			assertThat(added.events).hasSize(5);
			assertThat(context.getBean(RecordingListener.class).events).hasSize(15);
		});
	}

	@Test
	void sessionsAreOnlySubscribedToWhenSomeoneTakesMessageEvents() {
		this.contextRunner.withUserConfiguration(ClosedOnlyListenerConfiguration.class).run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			try (Session session = factory.create()) {
				assertThat(session.publisher().subscriberNames()).doesNotContain(RailtracksEventBridge.SUBSCRIBER_NAME);
				session.runSync(SHOUT, "unheard");
			}
			assertThat(context.getBean(ClosedOnlyListener.class).events).singleElement()
				.isInstanceOf(SessionClosedEvent.class);
			context.getSourceApplicationContext().addApplicationListener(new AddedLater());
			try (Session session = factory.create()) {
				assertThat(session.publisher().subscriberNames()).contains(RailtracksEventBridge.SUBSCRIBER_NAME);
			}
		});
	}

	static final List<String> ORDER = new CopyOnWriteArrayList<>();

	static class RecordingListener {

		final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		final List<String> order = ORDER;

		RecordingListener() {
			ORDER.clear();
		}

		@EventListener({ SessionStartedEvent.class, RequestCompletionEvent.class, BroadcastEvent.class,
				SessionClosedEvent.class })
		@Order(2)
		void on(ApplicationEvent event) {
			this.order.add("recording second");
			this.events.add(event);
		}

	}

	static class ThrowingListener {

		final List<ApplicationEvent> calls = new CopyOnWriteArrayList<>();

		@EventListener({ SessionStartedEvent.class, RequestCompletionEvent.class, BroadcastEvent.class,
				SessionClosedEvent.class })
		@Order(1)
		void on(ApplicationEvent event) {
			ORDER.add("throwing first");
			this.calls.add(event);
			throw new IllegalStateException("listener failure for " + event.getClass().getSimpleName());
		}

	}

	static class CommonTypeListener {

		final List<RailtracksEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RailtracksEvent event) {
			this.events.add(event);
		}

	}

	/**
	 * Takes every Railtracks event and counts how often Spring asks whether it takes an event type.
	 */
	static class CountingListener implements GenericApplicationListener {

		final List<Class<?>> asked = new CopyOnWriteArrayList<>();

		final AtomicInteger received = new AtomicInteger();

		@Override
		public boolean supportsEventType(ResolvableType eventType) {
			this.asked.add(eventType.toClass());
			return RailtracksEvent.class.isAssignableFrom(eventType.toClass());
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.received.incrementAndGet();
		}

	}

	static class AddedLater implements ApplicationListener<RailtracksEvent> {

		final List<RailtracksEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(RailtracksEvent event) {
			this.events.add(event);
		}

	}

	static class ClosedOnlyListener {

		final List<SessionClosedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SessionClosedEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClosedOnlyListenerConfiguration {

		@Bean
		ClosedOnlyListener closedOnlyListener() {
			return new ClosedOnlyListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingListenerConfiguration {

		@Bean
		CountingListener countingListener() {
			return new CountingListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingListenerConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingListenerConfiguration {

		@Bean
		ThrowingListener throwingListener() {
			return new ThrowingListener();
		}

	}

}
