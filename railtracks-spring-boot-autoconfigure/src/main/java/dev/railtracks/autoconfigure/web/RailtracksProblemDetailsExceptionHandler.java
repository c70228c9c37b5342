package dev.railtracks.autoconfigure.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.NodeCreationException;
import dev.railtracks.RailtracksException;
import dev.railtracks.llm.ProviderAuthenticationException;
import dev.railtracks.llm.ProviderBadRequestException;
import dev.railtracks.llm.ProviderException;
import dev.railtracks.llm.ProviderRateLimitException;
import dev.railtracks.llm.ProviderResponseException;
import dev.railtracks.llm.ProviderTimeoutException;
import dev.railtracks.llm.ProviderUnavailableException;

/**
 * Answers a {@link RailtracksException} that a controller lets escape with an RFC 9457 problem detail
 * ({@code application/problem+json}): a {@link GlobalTimeoutException} as 504 Gateway Timeout with the timeout; a
 * model provider's failure ({@link ProviderException}, usually reaching the controller as the cause of an agent's
 * {@code ModelCallException}) by its kind: a rate limit as 429 with the provider's {@code Retry-After}, an outage as
 * 503 (with {@code Retry-After} when sent), an unreadable answer as 502, a provider timeout as 504, a rejected key or
 * request as 500 (the application's configuration, not the caller, is at fault); any other as 500. The detail is a fixed sentence, never the exception's message, which may hold node inputs; the engine
 * has already logged the failure with its stack trace, so nothing is logged here.
 *
 * <p>Auto-configured in Spring MVC applications; define your own bean of this type, or set
 * {@code railtracks.web.problem-details.enabled=false}, to replace it. A controller's own {@code @ExceptionHandler}
 * methods take precedence over it.
 */
@RestControllerAdvice
public class RailtracksProblemDetailsExceptionHandler {

	private static final ProviderAnswer UNAVAILABLE = new ProviderAnswer(HttpStatus.SERVICE_UNAVAILABLE,
			"Model provider unavailable");

	/** Rate limits and outages the caller may retry; what only a fix of the application or its keys mends is 500. */
	private static final Map<Class<?>, ProviderAnswer> PROVIDER_ANSWERS = Map.of(
			ProviderRateLimitException.class,
			new ProviderAnswer(HttpStatus.TOO_MANY_REQUESTS, "Model provider rate limit"),
			ProviderTimeoutException.class, new ProviderAnswer(HttpStatus.GATEWAY_TIMEOUT, "Model provider timed out"),
			ProviderResponseException.class,
			new ProviderAnswer(HttpStatus.BAD_GATEWAY, "Model provider answer unreadable"),
			ProviderAuthenticationException.class,
			new ProviderAnswer(HttpStatus.INTERNAL_SERVER_ERROR, "Model provider rejected the credentials"),
			ProviderBadRequestException.class,
			new ProviderAnswer(HttpStatus.INTERNAL_SERVER_ERROR, "Model provider rejected the request"),
			ProviderUnavailableException.class, UNAVAILABLE);

	/**
	 * The workflow ran out of time.
	 * @param ex the timeout
	 * @return 504 with the timeout in seconds as {@code timeoutSeconds}, a plain number ({@code 20}, {@code 0.3})
	 */
	@ExceptionHandler
	public ProblemDetail handleTimeout(GlobalTimeoutException ex) {
		BigDecimal seconds = ex.timeoutSeconds();
		ProblemDetail problem = problem(HttpStatus.GATEWAY_TIMEOUT, "Workflow timed out",
				"The workflow did not finish within " + seconds.toPlainString() + " seconds.");
		problem.setProperty("timeoutSeconds", seconds);
		return problem;
	}

	/**
	 * A node could not be created from the arguments it was called with.
	 * @param ex the failure
	 * @return 500
	 */
	@ExceptionHandler
	public ProblemDetail handleNodeCreation(NodeCreationException ex) {
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Workflow node could not be created",
				"A node of the workflow could not be started with the arguments it was given.");
	}

	/**
	 * A model provider failed a call.
	 * @param ex the failure
	 * @return the status of its kind, with the provider and its status as {@code provider} and
	 * {@code providerStatus}
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> handleProvider(ProviderException ex) {
		ProviderAnswer answer = providerAnswer(ex);
		HttpStatus status = answer.status();
		String title = answer.title();
		ProblemDetail problem = problem(status, title, "The model provider " + ex.provider() + " failed the call"
				+ ((ex.status() != null) ? " with HTTP status " + ex.status() : "") + ".");
		problem.setProperty("provider", ex.provider());
		if (ex.status() != null) {
			problem.setProperty("providerStatus", ex.status());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		Duration retryAfter = ex.retryAfter();
		if (retryAfter != null) {
			// Only rate limits and outages carry one: the caller may try again after the provider's wait.
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
		}
		return response.body(problem);
	}

	private static ProviderAnswer providerAnswer(ProviderException ex) {
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			ProviderAnswer answer = PROVIDER_ANSWERS.get(type);
			if (answer != null) {
				return answer;
			}
		}
		return UNAVAILABLE;
	}

	/** How a kind of provider failure is answered. */
	private record ProviderAnswer(HttpStatus status, String title) {
	}

	/**
	 * Any other Railtracks failure: a model provider's failure under it (an agent's {@code ModelCallException}, a
	 * node's {@code NodeInvocationException}) as by {@link #handleProvider}, else 500.
	 * @param ex the failure
	 * @return the provider failure's status, or 500
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> handleRailtracks(RailtracksException ex) {
		ProviderException provider = providerFailure(ex);
		if (provider != null) {
			return handleProvider(provider);
		}
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Workflow failed", "The workflow failed."));
	}

	private static @Nullable ProviderException providerFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof ProviderException provider) {
				return provider;
			}
		}
		return null;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
