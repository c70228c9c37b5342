package dev.railtracks.autoconfigure.human;

import org.springframework.context.ApplicationEvent;

import dev.railtracks.HumanRequest;

/**
 * A run started waiting for a person: a question ({@code Railtracks.askHuman}) or an approval of a call. Published on
 * the asking run's thread.
 */
public class HumanRequestedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient HumanRequest request;

	/**
	 * An event for one request.
	 * @param source the object that published the event
	 * @param request the request
	 */
	public HumanRequestedEvent(Object source, HumanRequest request) {
		super(source);
		this.request = request;
	}

	/**
	 * The request.
	 * @return the request
	 */
	public HumanRequest getRequest() {
		return this.request;
	}

}
