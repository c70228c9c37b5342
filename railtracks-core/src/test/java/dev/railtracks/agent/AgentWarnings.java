package dev.railtracks.agent;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects the WARN lines agents log while it is open, for tests of what an agent logs.
 */
final class AgentWarnings implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AgentNode.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	AgentWarnings() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * The WARN lines so far.
	 * @return their formatted messages, in order
	 */
	List<String> lines() {
		synchronized (this.appender) {
			return this.appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.map(ILoggingEvent::getFormattedMessage)
				.toList();
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
	}

}
