package dev.railtracks.autoconfigure.web;

import java.math.BigDecimal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.NodeCreationException;
import dev.railtracks.RailtracksException;

/**
 * Answers a {@link RailtracksException} that a controller lets escape with an RFC 9457 problem detail
 * ({@code application/problem+json}): a {@link GlobalTimeoutException} as 504 Gateway Timeout with the timeout, any
 * other as 500. The detail is a fixed sentence, never the exception's message, which may hold node inputs; the engine
 * has already logged the failure with its stack trace, so nothing is logged here.
 *
 * <p>Auto-configured in Spring MVC applications; define your own bean of this type, or set
 * {@code railtracks.web.problem-details.enabled=false}, to replace it. A controller's own {@code @ExceptionHandler}
 * methods take precedence over it.
 */
@RestControllerAdvice
public class RailtracksProblemDetailsExceptionHandler {

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
	 * Any other Railtracks failure.
	 * @param ex the failure
	 * @return 500
	 */
	@ExceptionHandler
	public ProblemDetail handleRailtracks(RailtracksException ex) {
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Workflow failed", "The workflow failed.");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
