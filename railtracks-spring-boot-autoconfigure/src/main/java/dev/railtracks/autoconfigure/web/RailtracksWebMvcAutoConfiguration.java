package dev.railtracks.autoconfigure.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

import dev.railtracks.RailtracksException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksProblemDetailsExceptionHandler} in
 * servlet web applications with Spring MVC.
 */
@AutoConfiguration
@ConditionalOnClass({ RailtracksException.class, DispatcherServlet.class, ProblemDetail.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "railtracks.web.problem-details.enabled", matchIfMissing = true)
public final class RailtracksWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksProblemDetailsExceptionHandler railtracksProblemDetailsExceptionHandler() {
		return new RailtracksProblemDetailsExceptionHandler();
	}

}
