package dev.railtracks.internal;

/**
 * One node invocation handed to the {@link Coordinator}: running it invokes the node, records and publishes the
 * outcome, and never throws.
 */
interface Task extends Runnable {

	/**
	 * The request this task executes.
	 * @return the request id
	 */
	String requestId();

}
