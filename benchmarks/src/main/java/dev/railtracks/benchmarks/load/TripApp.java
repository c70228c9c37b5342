package dev.railtracks.benchmarks.load;

import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;

import dev.railtracks.benchmarks.springai.PlainSpringAiApplication;
import dev.railtracks.samples.springweb.SpringWebApplication;

/**
 * The two apps the load driver compares: the same trip planner, same scripted model, same tools, same answer.
 */
public enum TripApp {

	/** The spring-web demo: a Railtracks agent in a session per request. */
	DEMO("demo", () -> new SpringApplication(SpringWebApplication.class)),

	/** The same app in plain Spring AI: a {@code ChatClient} with {@code @Tool} methods. */
	PLAIN_SPRING_AI("plain Spring AI", PlainSpringAiApplication::application);

	private final String label;

	private final Supplier<SpringApplication> application;

	TripApp(String label, Supplier<SpringApplication> application) {
		this.label = label;
		this.application = application;
	}

	/**
	 * How tables name the app.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The app, ready to run (only in the app's own JVM: {@link AppMain}).
	 * @return a new application
	 */
	SpringApplication application() {
		return this.application.get();
	}

}
