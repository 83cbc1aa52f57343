package io.escalation.obs.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md as rules over the compiled classes of every module on this
 * module's class path. Rules about domain modules allow an empty match until those modules land.
 */
class ArchitectureTest {

    /** Library packages: everything published, i.e. not the example service or the benchmarks. */
    private static final String[] LIBRARIES = {
        "io.escalation.obs.core..", "io.escalation.obs.http..", "io.escalation.obs.db..",
        "io.escalation.obs.business..", "io.escalation.obs.llm..", "io.escalation.obs.memory..",
        "io.escalation.obs.security..", "io.escalation.obs.tcpa..", "io.escalation.obs.logging..",
        "io.escalation.obs.errors..", "io.escalation.obs.test..", "io.escalation.obs.spring.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.escalation.obs");
    }

    @Test
    void obsCoreIsImported() {
        org.assertj.core.api.Assertions.assertThat(classes.contain("io.escalation.obs.core.Observability"))
                .isTrue();
    }

    @Test
    void domainModulesDoNotDependOnEachOther() {
        slices().matching("io.escalation.obs.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("io.escalation.obs.core.."))
                .ignoreDependency(resideInAPackage("io.escalation.obs.examples.."), alwaysTrue())
                // the Spring Boot auto-configuration wires every module's facade: it depends on them all
                .ignoreDependency(resideInAPackage("io.escalation.obs.spring.."), alwaysTrue())
                .ignoreDependency(resideInAPackage("io.escalation.obs.benchmarks.."), alwaysTrue())
                .ignoreDependency(resideInAPackage("io.escalation.obs.test.."), alwaysTrue())
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * obs-http's adapters hand unhandled exceptions to obs-errors through obs-core's hook
     * ({@code spi.record.UnhandledErrors}), never by a dependency: a service may use either without the other.
     */
    @Test
    void httpAndErrorsMeetOnlyThroughCore() {
        noClasses()
                .that()
                .resideInAPackage("io.escalation.obs.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.escalation.obs.errors..", "io.sentry..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.escalation.obs.errors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.escalation.obs.http..")
                .check(classes);
    }

    @Test
    void nothingOutsideCoreUsesCoreInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.escalation.obs.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.escalation.obs.core..internal..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyLoggingAndErrorsTouchLogbackOrSentry() {
        noClasses()
                .that()
                .resideInAnyPackage(LIBRARIES)
                // obs-test's logback package captures log events in tests; logback is provided, not brought
                .and()
                .resideOutsideOfPackages(
                        "io.escalation.obs.logging..", "io.escalation.obs.errors..", "io.escalation.obs.test.logback..")
                // Sentry's Spring Boot starter finds obs's options configuration by its generic Sentry type
                .and()
                .doNotHaveFullyQualifiedName("io.escalation.obs.spring.ObsSentryStarterAutoConfiguration")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..", "io.sentry..")
                .check(classes);
    }

    @Test
    void librariesLogThroughSlf4jOnly() {
        noClasses()
                .that()
                .resideInAnyPackage(LIBRARIES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.util.logging..", "org.apache.logging.log4j..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.escalation.obs.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreDoesNotDependOnAnyOtherObsModule() {
        noClasses()
                .that()
                .resideInAPackage("io.escalation.obs.core..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.escalation.obs..").and(not(resideInAPackage("io.escalation.obs.core.."))))
                .check(classes);
    }

    /** The module kit is for obs modules: the example service, written as a user would, never needs it. */
    @Test
    void usersNeverNeedTheModuleKit() {
        noClasses()
                .that()
                .resideInAPackage("io.escalation.obs.examples..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.escalation.obs.core.spi..")
                .because("io.escalation.obs.core.spi is the module authors' kit; users call facades")
                .check(classes);
    }

    /**
     * What users call never hands them a kit type: no public method or constructor of a public type
     * outside the kit takes or returns one. Catalogue classes are the exception by design: their
     * constants are the declarations.
     */
    @Test
    void userFacingSignaturesDoNotExposeTheModuleKit() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAnyPackage(LIBRARIES)
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackages(
                        "io.escalation.obs.core.spi..", "io.escalation.obs.core.internal..", "io.escalation.obs.test..")
                .and()
                .areDeclaredInClassesThat()
                .haveSimpleNameNotEndingWith("Catalogue")
                .should(
                        new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
                                "not take or return a type of io.escalation.obs.core.spi") {
                            @Override
                            public void check(
                                    com.tngtech.archunit.core.domain.JavaMethod method,
                                    com.tngtech.archunit.lang.ConditionEvents events) {
                                java.util.List<com.tngtech.archunit.core.domain.JavaClass> types =
                                        new java.util.ArrayList<>(method.getRawParameterTypes());
                                types.add(method.getRawReturnType());
                                for (com.tngtech.archunit.core.domain.JavaClass type : types) {
                                    if (type.getPackageName().startsWith("io.escalation.obs.core.spi")) {
                                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                                method, method.getFullName() + " exposes " + type.getName()));
                                    }
                                }
                            }
                        })
                .check(classes);
    }
}
