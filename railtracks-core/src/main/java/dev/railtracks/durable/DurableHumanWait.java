package dev.railtracks.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.dbos.transact.DBOS;
import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanChannel;
import dev.railtracks.HumanRequest;
import org.jspecify.annotations.Nullable;

/**
 * How a durable run waits for a person: through DBOS notifications to its workflow ({@code DBOS.recv}, topic
 * {@code railtracks.human.<request id>}), so that the JVM may stop while it waits and an answer sent later, from any
 * instance ({@code DBOS.send}), resumes the run when it is recovered. The request's id is the Human call's position
 * (and which call at that position it is, for a retried call's later attempts), the same in every execution of the
 * run, so a recovered run asks the very request the answer was sent to; an answer an earlier execution received
 * already (DBOS records it) is taken from that record.
 */
final class DurableHumanWait implements HumanChannel {

	/** The message entry naming the request an answer is for. */
	static final String REQUEST = "railtracks.human.request";

	private static final String VALUE = "value";

	private static final String ANSWERED_BY = "answered_by";

	private static final String ANSWERED_AT = "answered_at";

	private final DurableRun run;

	private final String requestId;

	DurableHumanWait(DurableRun run, String position, int nth) {
		this.run = run;
		this.requestId = requestIdAt(position, nth);
	}

	/**
	 * The id of the request a Human call at a position asks: the attempts of a retried call number their calls from 0
	 * again, so the n-th call at a position (in every execution the same) has an id of its own.
	 * @param position the call's position
	 * @param nth which call at that position it is, from 1
	 * @return {@code human-<position>} for the first, {@code human-<position>-<nth>} for a later one
	 */
	static String requestIdAt(String position, int nth) {
		return (nth == 1) ? "human-" + position : "human-" + position + "-" + nth;
	}

	static String topic(String requestId) {
		return "railtracks.human." + requestId;
	}

	@Override
	public String requestId(String proposed) {
		return this.requestId;
	}

	@Override
	public Optional<HumanAnswer> await(HumanRequest request, Duration timeout) {
		Map<?, ?> message = this.run.received(request.requestId());
		if (message == null) {
			Object received = this.run.receive(topic(request.requestId()), timeout);
			if (received == null) {
				return Optional.empty();
			}
			if (!(received instanceof Map<?, ?> map)) {
				throw new IllegalStateException("Durable run '" + request.runId() + "' received " + received
						+ " for request '" + request.requestId() + "', which is no answer");
			}
			message = map;
		}
		HumanAnswer answer = read(this.run.codec(), message);
		if (!request.answerType().isInstance(answer.value())) {
			throw new IllegalStateException("The answer to request '" + request.requestId() + "' of durable run '"
					+ request.runId() + "' must be a " + request.answerType().getName() + " but was "
					+ ((answer.value() != null) ? "a " + answer.value().getClass().getName() : "null"));
		}
		return Optional.of(answer);
	}

	@Override
	public void deliver(HumanRequest request, HumanAnswer answer) {
		send(this.run.dbos(), this.run.codec(), request.runId(), request.requestId(), answer);
	}

	/**
	 * Sends an answer to a durable run's request, waiting here, on another instance, or on none. DBOS keeps one
	 * message per request: a second answer is dropped.
	 * @param dbos the DBOS instance
	 * @param codec how the answer's value is written
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @param answer the answer
	 */
	static void send(DBOS dbos, ValueCodec codec, String runId, String requestId, HumanAnswer answer) {
		Map<String, @Nullable String> message = new LinkedHashMap<>();
		message.put(REQUEST, requestId);
		message.put(VALUE, codec.value("the answer to request '" + requestId + "'", answer.value()));
		message.put(ANSWERED_BY, answer.answeredBy());
		message.put(ANSWERED_AT, answer.answeredAt().toString());
		DurableRun.send(dbos, runId, topic(requestId), message, topic(requestId));
	}

	private static HumanAnswer read(ValueCodec codec, Map<?, ?> message) {
		if (!(message.get(VALUE) instanceof String value) || !(message.get(ANSWERED_AT) instanceof String at)) {
			throw new IllegalStateException("A durable answer needs a value and a time, but was " + message);
		}
		Object answeredBy = message.get(ANSWERED_BY);
		return new HumanAnswer(codec.readValue(value), (answeredBy instanceof String who) ? who : null,
				Instant.parse(at));
	}

}
