package dev.railtracks.samples.springweb;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the sample: {@code GET /plan?goal=...} plans a trip with a Railtracks agent, {@code /actuator/railtracks}
 * shows the sessions and {@code /actuator/metrics/railtracks.node} the node timings.
 */
@SpringBootApplication
public class SpringWebApplication {

	/**
	 * Runs the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SpringWebApplication.class, args);
	}

}
