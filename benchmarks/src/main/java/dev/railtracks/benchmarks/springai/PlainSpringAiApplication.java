package dev.railtracks.benchmarks.springai;

import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.samples.springweb.ScriptedTripModelConfiguration;
import dev.railtracks.samples.springweb.TripPlannerConfiguration;

/**
 * The spring-web demo's trip planner written with plain Spring AI: a {@link ChatClient} with {@code @Tool} methods
 * ({@link PlainTripTools}) on the demo's scripted model, for the load driver to measure beside the demo. It runs on
 * the demo's class path with Railtracks' auto-configurations excluded, so the two apps differ only in how they plan.
 */
@SpringBootApplication
@Import(ScriptedTripModelConfiguration.class)
public class PlainSpringAiApplication {

	/**
	 * The trip planner: the demo's instructions, the trip tools, observed like the chat client Spring AI's
	 * auto-configuration builds.
	 * @param script the demo's scripted model
	 * @param tools the tools
	 * @param observations Spring Boot's observation registry
	 * @return the chat client
	 */
	@Bean
	ChatClient tripPlanner(LanguageModel script, PlainTripTools tools, ObservationRegistry observations) {
		return ChatClient.builder(new ScriptedChatModel(script), observations, null, null)
			.defaultSystem(TripPlannerConfiguration.SYSTEM_MESSAGE)
			.defaultTools(tools)
			.build();
	}

	/**
	 * The application without Railtracks' auto-configurations, which the class path has for the demo.
	 * @return the application, ready to run
	 */
	public static SpringApplication application() {
		ClassLoader loader = PlainSpringAiApplication.class.getClassLoader();
		String railtracks = ImportCandidates.load(AutoConfiguration.class, loader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.railtracks."))
			.collect(Collectors.joining(","));
		SpringApplication application = new SpringApplication(PlainSpringAiApplication.class);
		application.setDefaultProperties(Map.of("spring.autoconfigure.exclude", railtracks));
		return application;
	}

	/**
	 * Runs the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		application().run(args);
	}

}
