package dev.railtracks;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The node that asks a person and waits for the answer: {@link Railtracks#askHuman} and approvals call it, so every
 * question is a node of the run's graph. The saved state allows only the node types Agent, Tool and Other, so it is
 * recorded as an Other node named {@value #NAME} whose {@code details.internals.human} holds the request (kind,
 * question, request id, answer type, asked at, deadline), then its status ({@code waiting}, {@code answered},
 * {@code timed_out}, {@code ended}) and the answer, who gave it and when.
 */
final class HumanNode extends Node<Object> {

	/** The name every Human node is recorded with. */
	static final String NAME = "Human";

	/** The detail key under which the request and its answer are recorded. */
	static final String DETAIL = "human";

	private final Class<?> answerType;

	private final HumanRequest.Kind kind;

	private final String question;

	private final Duration timeout;

	private final String subject;

	private final List<@Nullable Object> arguments;

	private @Nullable HumanRequest request;

	private HumanNode(Class<?> answerType, HumanRequest.Kind kind, String question, Duration timeout, String subject,
			List<@Nullable Object> arguments) {
		this.answerType = answerType;
		this.kind = kind;
		this.question = question;
		this.timeout = timeout;
		this.subject = subject;
		this.arguments = arguments;
	}

	static boolean isHuman(NodeDefinition<?> definition) {
		return definition instanceof Definition;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	// NullAway: an answer may be null (a question answered with nothing), as any node result may
	@SuppressWarnings("NullAway")
	public Object invoke() throws Exception {
		HumanRequests requests = Railtracks.config().humanRequests();
		Optional<HumanAnswer> answer;
		try {
			answer = requests.ask(this.kind, Railtracks.sessionId(), identifier(), this.question, this.answerType,
					this.subject, this.arguments, this.timeout, this::asked);
		}
		catch (InterruptedException ex) {
			record("ended", null);
			Thread.currentThread().interrupt();
			throw ex;
		}
		catch (RuntimeException ex) {
			// The wait failed (a durable wait's database, or its run ending): the request is no longer waiting.
			record("ended", null);
			throw ex;
		}
		if (answer.isPresent()) {
			record("answered", answer.get());
			return answer.get().value();
		}
		record("timed_out", null);
		HumanRequest asked = this.request;
		if (this.kind == HumanRequest.Kind.APPROVAL || asked == null) {
			// An approval nobody gave in time is a decline, as the original's verifier timeout.
			return ApprovalDecision.decline("nobody approved it within " + this.timeout);
		}
		throw new HumanTimeoutException(asked, this.timeout);
	}

	private void asked(HumanRequest request) {
		this.request = request;
		record("waiting", null);
	}

	private void record(String status, @Nullable HumanAnswer answer) {
		HumanRequest asked = this.request;
		if (asked == null) {
			return;
		}
		Map<String, @Nullable Object> detail = new LinkedHashMap<>();
		detail.put("kind", asked.kind().name().toLowerCase(Locale.ROOT));
		detail.put("request_id", asked.requestId());
		detail.put("question", asked.question());
		detail.put("subject", asked.subject());
		if (!asked.arguments().isEmpty()) {
			detail.put("arguments", asked.arguments());
		}
		detail.put("answer_type", asked.answerType().getName());
		detail.put("asked_at", asked.askedAt().toString());
		detail.put("deadline", asked.deadline().toString());
		detail.put("status", status);
		if (answer != null) {
			detail.put("answer", answer.value());
			detail.put("answered_by", answer.answeredBy());
			detail.put("answered_at", answer.answeredAt().toString());
		}
		recordDetail(DETAIL, detail);
	}

	/**
	 * The Human node of one answer type; its calls take the kind, the question, the timeout, the subject and the
	 * arguments to approve, all recorded as the request's input.
	 */
	static final class Definition implements NodeDefinition<Object> {

		private final Class<?> answerType;

		Definition(Class<?> answerType) {
			this.answerType = answerType;
		}

		@Override
		public String name() {
			return NAME;
		}

		@Override
		@SuppressWarnings("unchecked")
		public Node<Object> create(@Nullable Object... args) {
			if (args == null || args.length != 5 || !(args[0] instanceof String kind)
					|| !(args[1] instanceof String question) || !(args[2] instanceof Duration timeout)
					|| !(args[3] instanceof String subject) || !(args[4] instanceof List<?> arguments)) {
				throw new NodeCreationException("Node '" + NAME + "' takes (kind, question, timeout, subject, "
						+ "arguments), got " + ((args != null) ? Arrays.asList(args) : null));
			}
			return new HumanNode(this.answerType, HumanRequest.Kind.valueOf(kind), question, timeout, subject,
					(List<@Nullable Object>) arguments);
		}

		@Override
		public String toString() {
			return NAME + " asking for a " + this.answerType.getName();
		}

	}

}
