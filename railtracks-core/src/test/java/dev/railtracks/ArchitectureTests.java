package dev.railtracks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the design (docs/design-notes.md): no package cycles, the record engine-free, the engine
 * reached only through the {@link Engine} service, the visualiser a reader of the API and the record, and no Spring.
 */
@AnalyzeClasses(packages = "dev.railtracks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** Every package is its own slice, as Spring Boot checks its own packages. */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule recordDependsOnNoOtherRailtracksPackage = noClasses().that()
		.resideInAPackage("dev.railtracks.info")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.railtracks..").and(not(resideInAPackage("dev.railtracks.info"))));

	/** The engine is found with ServiceLoader, so nothing outside it names its types, the API package included. */
	@ArchTest
	static final ArchRule engineIsReachedOnlyThroughTheEngineService = noClasses().that()
		.resideOutsideOfPackage("dev.railtracks.internal..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.railtracks.internal..");

	/** The visualiser only reads: sessions through the API, records and saved files through {@code info}. */
	@ArchTest
	static final ArchRule visualiserReadsOnlyTheApiAndTheRecord = noClasses().that()
		.resideInAPackage("dev.railtracks.viz")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.railtracks..")
			.and(not(resideInAnyPackage("dev.railtracks", "dev.railtracks.info", "dev.railtracks.viz"))));

	/** Core is plain Java: everything Spring lives in railtracks-spring-boot-autoconfigure. */
	@ArchTest
	static final ArchRule coreNeverDependsOnSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

}
