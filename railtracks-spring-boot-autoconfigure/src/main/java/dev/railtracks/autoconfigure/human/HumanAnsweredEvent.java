package dev.railtracks.autoconfigure.human;

import org.springframework.context.ApplicationEvent;

import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanRequest;

/**
 * A person answered a request a run waited for; the run resumes with the answer. Published on the answering thread.
 */
public class HumanAnsweredEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient HumanRequest request;

	private final transient HumanAnswer answer;

	/**
	 * An event for one answer.
	 * @param source the object that published the event
	 * @param request the request
	 * @param answer the answer, with who gave it and when
	 */
	public HumanAnsweredEvent(Object source, HumanRequest request, HumanAnswer answer) {
		super(source);
		this.request = request;
		this.answer = answer;
	}

	/**
	 * The request answered.
	 * @return the request
	 */
	public HumanRequest getRequest() {
		return this.request;
	}

	/**
	 * The answer.
	 * @return the answer
	 */
	public HumanAnswer getAnswer() {
		return this.answer;
	}

}
