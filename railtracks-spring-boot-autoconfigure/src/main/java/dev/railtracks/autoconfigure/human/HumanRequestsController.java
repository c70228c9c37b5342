package dev.railtracks.autoconfigure.human;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanAnswerRefusedException;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.autoconfigure.viz.ShowValues;

/**
 * The HTTP API of human in the loop, under {@code railtracks.human.web.path} ({@code /railtracks/human}):
 * <ul>
 * <li>{@code GET {path}/requests}: the pending requests, oldest first, with the arguments of calls to approve (each
 * {@code ******} unless the show-values policy lets the sender see them);</li>
 * <li>{@code GET {path}/requests/{runId}/{requestId}}: one pending request (404 when it does not wait here);</li>
 * <li>{@code POST {path}/requests/{runId}/{requestId}} with {@code {"answer": ...}}: answers it. The answer is read as
 * the request's answer type, strictly (a JSON string is no number); an approval's answer is
 * {@code {"approved": true|false, "arguments": {...}, "reason": "..."}}. Who answered is the request's
 * {@link Principal} when there is one. 400 for an answer of the wrong type (naming the expected and the given type),
 * 404 for an unknown request, 409 for one answered already, timed out or whose run ended: the first answer wins.</li>
 * </ul>
 * It is a plain Spring MVC controller, off unless {@code railtracks.human.web.enabled}: the application's security
 * (Spring Security's filter chain) applies to it as to any other path, so secure {@code {path}/**} as approvers need.
 */
@RestController
@RequestMapping("${railtracks.human.web.path:/railtracks/human}")
public class HumanRequestsController {

	/** Reads answers strictly: no string taken for a number, no unknown property ignored. */
	private static final JsonMapper STRICT = JsonMapper.builder()
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HumanRequests requests;

	private final ShowValues showValues;

	private final Set<String> roles;

	/**
	 * The API of a registry.
	 * @param requests the registry
	 * @param showValues when to show the arguments of calls to approve ({@code ******} otherwise)
	 * @param roles roles that may see them when {@code showValues} is {@link ShowValues#WHEN_AUTHORIZED}; empty for
	 * any signed-in user
	 */
	public HumanRequestsController(HumanRequests requests, ShowValues showValues, Set<String> roles) {
		this.requests = requests;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * The pending requests.
	 * @param http the HTTP request, whose sender may or may not see argument values
	 * @return the requests, oldest first
	 */
	@GetMapping("/requests")
	public List<HumanRequestDescriptor> pending(HttpServletRequest http) {
		boolean shown = shown(http);
		return this.requests.pending()
			.stream()
			.map((request) -> HumanRequestDescriptor.of(request, true, shown))
			.toList();
	}

	/**
	 * One pending request.
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @param http the HTTP request, whose sender may or may not see argument values
	 * @return the request; 404 when unknown, 409 when closed
	 */
	@GetMapping("/requests/{runId}/{requestId}")
	public HumanRequestDescriptor request(@PathVariable String runId, @PathVariable String requestId,
			HttpServletRequest http) {
		return HumanRequestDescriptor.of(this.requests.awaiting(runId, requestId), true, shown(http));
	}

	private boolean shown(HttpServletRequest http) {
		return this.showValues.isShown(http.getUserPrincipal(), http::isUserInRole, this.roles);
	}

	/**
	 * Answers a pending request.
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @param body {@code {"answer": ...}}
	 * @param principal who answers, when the application authenticates
	 * @return the answer taken
	 */
	@PostMapping("/requests/{runId}/{requestId}")
	public Answered answer(@PathVariable String runId, @PathVariable String requestId, @RequestBody JsonNode body,
			@Nullable Principal principal) {
		HumanRequest request = this.requests.awaiting(runId, requestId);
		JsonNode answer = body.get("answer");
		if (!body.isObject() || answer == null) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.WRONG_TYPE,
					"The body must be a JSON object {\"answer\": ...} holding a " + request.answerType().getName());
		}
		Object value = read(request, answer);
		HumanAnswer taken = this.requests.answer(runId, requestId, value,
				(principal != null) ? principal.getName() : null);
		return new Answered(runId, requestId, taken.answeredBy(), taken.answeredAt());
	}

	private static @Nullable Object read(HumanRequest request, JsonNode answer) {
		if (answer.isNull()) {
			return null;
		}
		try {
			return STRICT.treeToValue(answer, request.answerType());
		}
		catch (JacksonException ex) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.WRONG_TYPE,
					"The answer to request '" + request.requestId() + "' of run '" + request.runId() + "' must be a "
							+ request.answerType().getName() + " but was a JSON "
							+ answer.getNodeType().name().toLowerCase(Locale.ROOT) + ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * An answer refused: 404 unknown, 409 closed, 400 of the wrong type; the detail says why.
	 * @param ex the refusal
	 * @return the problem detail
	 */
	@ExceptionHandler
	public ProblemDetail refused(HumanAnswerRefusedException ex) {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_REQUEST -> HttpStatus.NOT_FOUND;
			case CLOSED -> HttpStatus.CONFLICT;
			case WRONG_TYPE -> HttpStatus.BAD_REQUEST;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(switch (ex.reason()) {
			case UNKNOWN_REQUEST -> "Unknown request";
			case CLOSED -> "Request closed";
			case WRONG_TYPE -> "Answer of the wrong type";
		});
		return problem;
	}

	/**
	 * The response to an answer taken.
	 *
	 * @param runId the run's id
	 * @param requestId the request's id
	 * @param answeredBy who answered, or {@code null} when unknown
	 * @param answeredAt when
	 */
	public record Answered(String runId, String requestId, @Nullable String answeredBy, Instant answeredAt) {
	}

}
