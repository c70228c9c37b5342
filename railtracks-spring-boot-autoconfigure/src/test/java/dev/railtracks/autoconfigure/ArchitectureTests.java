package dev.railtracks.autoconfigure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package rules of the auto-configuration: no package cycles, only the public API of railtracks-core is used, the
 * visualiser does without Actuator, the programming model stands without the other concerns, and the root package
 * depends on none of them but the events.
 */
@AnalyzeClasses(packages = "dev.railtracks.autoconfigure", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** Every package is its own slice, as Spring Boot checks its own packages. */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("(**)").should().beFreeOfCycles();

	/** The engine carries no compatibility promise, so the auto-configuration never touches it. */
	@ArchTest
	static final ArchRule engineIsNeverTouched = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("dev.railtracks.internal..");

	/** Actuator is optional for the visualiser: it masks with its own policy, not Actuator's {@code Show}. */
	@ArchTest
	static final ArchRule visualiserNeedsNoActuator = noClasses().that()
		.resideInAPackage("dev.railtracks.autoconfigure.viz..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.boot.actuate..", "dev.railtracks.autoconfigure.actuate..");

	/**
	 * The programming model (events, flows and {@code @RailtracksNode} methods) is what applications code against, so
	 * it stands without the session lifecycle, observation, Actuator, the visualiser or the web layer.
	 */
	@ArchTest
	static final ArchRule programmingModelStandsAlone = noClasses().that()
		.resideInAnyPackage("dev.railtracks.autoconfigure.event..", "dev.railtracks.autoconfigure.flow..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.railtracks.autoconfigure.lifecycle..", "dev.railtracks.autoconfigure.observation..",
				"dev.railtracks.autoconfigure.actuate..", "dev.railtracks.autoconfigure.viz..",
				"dev.railtracks.autoconfigure.web..", "org.springframework.boot.actuate..");

	/**
	 * The root package is the front door (properties, {@code SessionFactory}, customizers, the core
	 * auto-configuration); each concern's package builds on it, never the other way round, apart from the event
	 * bridge that every session is given.
	 */
	@ArchTest
	static final ArchRule rootDependsOnNoConcernButEvents = noClasses().that()
		.resideInAPackage("dev.railtracks.autoconfigure")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.railtracks.autoconfigure.flow..", "dev.railtracks.autoconfigure.lifecycle..",
				"dev.railtracks.autoconfigure.observation..", "dev.railtracks.autoconfigure.actuate..",
				"dev.railtracks.autoconfigure.viz..", "dev.railtracks.autoconfigure.web..",
				"dev.railtracks.autoconfigure.agent..", "dev.railtracks.autoconfigure.ai..");

}
