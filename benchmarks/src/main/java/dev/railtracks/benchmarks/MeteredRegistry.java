package dev.railtracks.benchmarks;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import dev.railtracks.autoconfigure.observation.NodeMeterObservationHandler;

/**
 * A real {@link ObservationRegistry} whose observations become meters, with the meter handlers of a Spring Boot
 * application with Actuator: Boot registers its meter handlers as one group in which the first handler that supports
 * an observation handles it.
 */
public enum MeteredRegistry {

	/**
	 * Spring Boot's own: {@link DefaultMeterObservationHandler} turns every observation into a timer and a long task
	 * timer.
	 */
	BOOT {
		@Override
		ObservationRegistry create() {
			return registry(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		}
	},

	/**
	 * With Railtracks' auto-configuration as well (the default): node observations go to its
	 * {@link NodeMeterObservationHandler} (a timer only), the others to Boot's handler.
	 */
	RAILTRACKS {
		@Override
		ObservationRegistry create() {
			MeterRegistry meters = new SimpleMeterRegistry();
			return registry(new FirstMatchingCompositeObservationHandler(
					List.of(new NodeMeterObservationHandler(meters), new DefaultMeterObservationHandler(meters))));
		}
	};

	/**
	 * A new registry with its own meter registry.
	 * @return the registry
	 */
	abstract ObservationRegistry create();

	private static ObservationRegistry registry(ObservationHandler<?> handler) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(handler);
		return registry;
	}

}
