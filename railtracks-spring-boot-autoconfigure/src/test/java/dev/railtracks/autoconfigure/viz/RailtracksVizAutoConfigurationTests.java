package dev.railtracks.autoconfigure.viz;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.RailtracksVisualiser;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpoint;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpointAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksVizAutoConfiguration}; the UI and API over HTTP are tested in the Spring Boot demo. // #9
 */
class RailtracksVizAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksVizAutoConfiguration.class, RailtracksEndpointAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void visualiserIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(RailtracksVisualiser.class)
			.doesNotHaveBean("railtracksVizRoutes"));
	}

	@Test
	void visualiserIsServedAtItsDefaultPathWhenEnabled() {
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RailtracksVisualiser.class);
			assertThat(context.getBean("railtracksVizRoutes")).isInstanceOf(RouterFunction.class);
			assertThat(context.getBean(RailtracksVisualiser.class).path()).isEqualTo("/railtracks/");
			assertThat(context.getBean(RailtracksVisualiser.class).sessionPath("abc"))
				.isEqualTo("/railtracks/#session=abc");
		});
	}

	@Test
	void pathAndServletContextPathMakeTheLink() {
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.path=/ops/runs/",
					"server.servlet.context-path=/app")
			.run((context) -> assertThat(context.getBean(RailtracksVisualiser.class).path())
				.isEqualTo("/app/ops/runs/"));
	}

	@Test
	void anInvalidPathFailsStartupNamingKeyAndValue() {
		for (String path : new String[] { "railtracks", "/", "/a/**", "/a b", "/{id}" }) {
			this.contextRunner.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.path=" + path)
				.run((context) -> {
					assertThat(context).as(path).hasFailed();
					assertThat(context).getFailure()
						.hasStackTraceContaining("railtracks.viz.path")
						.hasStackTraceContaining("'" + path + "'")
						.hasStackTraceContaining("the visualiser's path must start with '/'");
				});
		}
	}

	@Test
	void visualiserNeedsAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RailtracksAutoConfiguration.class, RailtracksVizAutoConfiguration.class))
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.save-state=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksVisualiser.class));
	}

	@Test
	void visualiserBacksOffWithoutSpringMvc() {
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksVisualiser.class));
	}

	@Test
	void theActuatorEndpointLinksToTheVisualiser() {
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context.getBean(RailtracksEndpoint.class).sessions().visualiser())
				.isEqualTo("/railtracks/"));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context.getBean(RailtracksEndpoint.class).sessions().visualiser()).isNull());
	}

}
