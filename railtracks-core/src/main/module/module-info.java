/**
 * Railtracks for Java: agentic flows of nodes, their record and the visualiser. Exports only the API packages; the
 * engine ({@code internal}), the record's writer ({@code info.access}) and the shared utilities ({@code support}) stay
 * inside. The engine is the {@link dev.railtracks.Engine} service.
 */
@SuppressWarnings("requires-transitive-automatic") // micrometer and resilience4j have no module descriptor yet, only a module name
module dev.railtracks.core {

	requires transitive tools.jackson.databind;
	requires transitive micrometer.observation;
	requires transitive micrometer.commons;
	requires transitive org.slf4j;
	requires static transitive org.jspecify;
	requires transitive com.fasterxml.jackson.annotation;
	requires com.github.victools.jsonschema.generator;
	requires com.github.victools.jsonschema.module.jackson;
	requires jdk.httpserver;
	requires io.github.resilience4j.retry;
	requires io.github.resilience4j.core;
	// Durable flows only, and optional: DBOS Transact's jar has no module name of its own, so its automatic module is
	// named after the jar file (transact-<version>.jar).
	requires static transact;

	exports dev.railtracks;
	exports dev.railtracks.agent;
	exports dev.railtracks.durable;
	exports dev.railtracks.execution;
	exports dev.railtracks.info;
	exports dev.railtracks.llm;
	exports dev.railtracks.middleware;
	exports dev.railtracks.observation;
	exports dev.railtracks.pubsub;
	exports dev.railtracks.store;
	exports dev.railtracks.viz;

	// The visualiser's page, which Spring serves as class-path resources (ClassPathResource finds resources of a
	// named module only in open packages).
	opens dev.railtracks.viz.ui;

	uses dev.railtracks.Engine;

	provides dev.railtracks.Engine with dev.railtracks.internal.DefaultEngine;

}
