package dev.railtracks.autoconfigure.human;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;

/**
 * Publishes the requests of a {@link HumanRequests} registry and their answers as {@link HumanRequestedEvent} and
 * {@link HumanAnsweredEvent}; a failing {@code @EventListener} is logged by the registry, never passed to the run.
 */
public class HumanRequestEventPublisher implements HumanRequests.Listener, DisposableBean {

	private final HumanRequests requests;

	private final ApplicationEventPublisher publisher;

	/**
	 * Starts publishing a registry's events.
	 * @param requests the registry
	 * @param publisher where the events go
	 */
	public HumanRequestEventPublisher(HumanRequests requests, ApplicationEventPublisher publisher) {
		this.requests = requests;
		this.publisher = publisher;
		requests.addListener(this);
	}

	@Override
	public void requested(HumanRequest request) {
		this.publisher.publishEvent(new HumanRequestedEvent(this, request));
	}

	@Override
	public void answered(HumanRequest request, HumanAnswer answer) {
		this.publisher.publishEvent(new HumanAnsweredEvent(this, request, answer));
	}

	@Override
	public void destroy() {
		this.requests.removeListener(this);
	}

}
