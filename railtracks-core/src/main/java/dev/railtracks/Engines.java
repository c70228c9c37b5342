package dev.railtracks;

import java.util.ServiceLoader;

/** Finds the engine once, through {@link ServiceLoader}; see {@link Engine}. */
final class Engines {

	static final Engine ENGINE = ServiceLoader.load(Engine.class, Engine.class.getClassLoader())
		.findFirst()
		.orElseThrow(() -> new IllegalStateException("No Railtracks engine on the class path: "
				+ "META-INF/services/dev.railtracks.Engine is missing from railtracks-core"));

	private Engines() {
	}

}
