package dev.railtracks.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksWebMvcAutoConfiguration}.
 */
class RailtracksWebMvcAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksWebMvcAutoConfiguration.class));

	@Test
	void theHandlerIsCreatedInAServletWebApplication() {
		this.contextRunner
			.run((context) -> assertThat(context).hasSingleBean(RailtracksProblemDetailsExceptionHandler.class));
	}

	@Test
	void theHandlerBacksOffToTheApplicationsOwn() {
		this.contextRunner.withUserConfiguration(CustomHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(RailtracksProblemDetailsExceptionHandler.class);
			assertThat(context.getBean(RailtracksProblemDetailsExceptionHandler.class))
				.isSameAs(context.getBean("customHandler"));
		});
	}

	@Test
	void theHandlerCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("railtracks.web.problem-details.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksProblemDetailsExceptionHandler.class));
	}

	@Test
	void theHandlerIsNotCreatedWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksProblemDetailsExceptionHandler.class));
	}

	@Test
	void theHandlerIsNotCreatedOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RailtracksWebMvcAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksProblemDetailsExceptionHandler.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHandler {

		@Bean
		RailtracksProblemDetailsExceptionHandler customHandler() {
			return new RailtracksProblemDetailsExceptionHandler();
		}

	}

}
