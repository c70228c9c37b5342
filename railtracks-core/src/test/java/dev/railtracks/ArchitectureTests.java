package dev.railtracks;

import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the design (docs/design-notes.md): no package cycles, the record engine-free, the engine
 * reached only through the {@link Engine} service, the record written only by the engine, the shared utilities at the
 * bottom, and the visualiser a reader of the API and the record, and no Spring.
 */
@AnalyzeClasses(packages = "dev.railtracks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** The packages module-info.java does not export. */
	private static final String[] NOT_EXPORTED = { "dev.railtracks.internal..", "dev.railtracks.support..",
			"dev.railtracks.info.access.." };

	/**
	 * Every package is its own slice, as Spring Boot checks its own packages, except that {@code info.access} is part
	 * of {@code info}: it is the record's door for the engine, which the record registers its writer with.
	 */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(new SliceAssignment() {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			return SliceIdentifier.of(name.equals("dev.railtracks.info.access") ? "dev.railtracks.info" : name);
		}

		@Override
		public String getDescription() {
			return "packages, info.access counted with info";
		}

	}).should().beFreeOfCycles();

	@ArchTest
	static final ArchRule recordDependsOnlyOnTheSharedUtilities = noClasses().that()
		.resideInAPackage("dev.railtracks.info..")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.railtracks..")
			.and(not(resideInAnyPackage("dev.railtracks.info..", "dev.railtracks.support"))));

	/** The shared utilities are at the bottom: they use no other Railtracks package. */
	@ArchTest
	static final ArchRule utilitiesDependOnNoOtherRailtracksPackage = noClasses().that()
		.resideInAPackage("dev.railtracks.support")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.railtracks..").and(not(resideInAPackage("dev.railtracks.support"))));

	/** Only the engine writes records: readers of a record never reach its writer. */
	@ArchTest
	static final ArchRule onlyTheEngineWritesRecords = noClasses().that()
		.resideOutsideOfPackages("dev.railtracks.internal..", "dev.railtracks.info..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.railtracks.info.access..");

	/**
	 * No public signature of an API package names a type of a package the module does not export ({@code internal},
	 * {@code support}, {@code info.access}): what an application sees, it can use on the module path too.
	 */
	@ArchTest
	static final ArchRule apiSignaturesNameOnlyExportedTypes = methods().that()
		.arePublic()
		.and()
		.areDeclaredInClassesThat(resideOutsideOfPackages(NOT_EXPORTED))
		.and()
		.areDeclaredInClassesThat()
		.arePublic()
		.should(new ArchCondition<JavaMethod>("name only exported types in their signature") {

			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				Set<JavaClass> named = new HashSet<>(method.getParameterTypes().stream()
					.flatMap((type) -> type.getAllInvolvedRawTypes().stream())
					.toList());
				named.addAll(method.getReturnType().getAllInvolvedRawTypes());
				for (JavaClass type : named) {
					if (resideInAnyPackage(NOT_EXPORTED).test(type)) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " names " + type.getName()));
					}
				}
			}

		});

	/** The engine is found with ServiceLoader, so nothing outside it names its types, the API package included. */
	@ArchTest
	static final ArchRule engineIsReachedOnlyThroughTheEngineService = noClasses().that()
		.resideOutsideOfPackage("dev.railtracks.internal..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.railtracks.internal..");

	/**
	 * The visualiser only reads: sessions through the API, records through {@code info}, saved sessions through the
	 * session store.
	 */
	@ArchTest
	static final ArchRule visualiserReadsOnlyTheApiAndTheRecord = noClasses().that()
		.resideInAPackage("dev.railtracks.viz")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.railtracks..")
			.and(not(resideInAnyPackage("dev.railtracks", "dev.railtracks.info", "dev.railtracks.store",
					"dev.railtracks.viz", "dev.railtracks.support"))));

	/**
	 * DBOS Transact is an optional dependency: only the durable package names it, so core works without it, and
	 * nothing else of core names the durable package, which cannot load without it.
	 */
	@ArchTest
	static final ArchRule onlyTheDurablePackageUsesDbos = noClasses().that()
		.resideOutsideOfPackage("dev.railtracks.durable..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.dbos..", "dev.railtracks.durable..");

	/** Core is plain Java: everything Spring lives in railtracks-spring-boot-autoconfigure. */
	@ArchTest
	static final ArchRule coreNeverDependsOnSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

}
