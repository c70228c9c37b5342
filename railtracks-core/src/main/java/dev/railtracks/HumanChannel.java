package dev.railtracks;

import java.time.Duration;
import java.util.Optional;

/**
 * How an answer reaches a run waiting for a person, when it is not a plain in-memory wait: durable runs wait through
 * DBOS notifications, so that an answer given while no instance runs them, or to another instance, still resumes them
 * (see {@code dev.railtracks.durable}). An SPI: applications use {@link Railtracks#askHuman} and
 * {@link HumanRequests}; node middleware installs a channel for the Human calls it wraps with
 * {@link HumanRequests#through(HumanChannel, NodeCall)}.
 */
public interface HumanChannel {

	/**
	 * The id of the request a Human call asks: a durable run derives it from the call's position, so that a recovered
	 * run asks the very request an answer may already be waiting for.
	 * @param proposed the id an in-memory wait would use (the Human node's id)
	 * @return the id
	 */
	String requestId(String proposed);

	/**
	 * Waits for the answer.
	 * @param request the request
	 * @param timeout how long at most
	 * @return the answer, or empty when the timeout passed
	 * @throws InterruptedException when the run ends while waiting
	 */
	Optional<HumanAnswer> await(HumanRequest request, Duration timeout) throws InterruptedException;

	/**
	 * Hands the first answer given in this JVM to the waiting run.
	 * @param request the request
	 * @param answer the answer
	 */
	void deliver(HumanRequest request, HumanAnswer answer);

}
