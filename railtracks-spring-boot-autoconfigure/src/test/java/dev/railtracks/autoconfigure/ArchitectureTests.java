package dev.railtracks.autoconfigure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package rules of the auto-configuration: no package cycles, only the public API of railtracks-core is used, and the
 * visualiser does without Actuator.
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

}
