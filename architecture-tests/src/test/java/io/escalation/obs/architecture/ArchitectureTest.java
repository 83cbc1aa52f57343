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
        "io.escalation.obs.errors..", "io.escalation.obs.test.."
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
        org.assertj.core.api.Assertions.assertThat(classes.contain("io.escalation.obs.core.Observability")).isTrue();
    }

    @Test
    void domainModulesDoNotDependOnEachOther() {
        slices().matching("io.escalation.obs.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("io.escalation.obs.core.."))
                .ignoreDependency(resideInAPackage("io.escalation.obs.examples.."), alwaysTrue())
                .ignoreDependency(resideInAPackage("io.escalation.obs.benchmarks.."), alwaysTrue())
                .ignoreDependency(resideInAPackage("io.escalation.obs.test.."), alwaysTrue())
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingOutsideCoreUsesCoreInternals() {
        noClasses().that().resideOutsideOfPackage("io.escalation.obs.core..")
                .should().dependOnClassesThat().resideInAPackage("io.escalation.obs.core..internal..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyLoggingAndErrorsTouchLogbackOrSentry() {
        noClasses().that().resideInAnyPackage(LIBRARIES)
                // obs-test's logback package captures log events in tests; logback is provided, not brought
                .and().resideOutsideOfPackages("io.escalation.obs.logging..", "io.escalation.obs.errors..",
                        "io.escalation.obs.test.logback..")
                .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "io.sentry..")
                .check(classes);
    }

    @Test
    void librariesLogThroughSlf4jOnly() {
        noClasses().that().resideInAnyPackage(LIBRARIES)
                .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.logging.log4j..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.escalation.obs.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreDoesNotDependOnAnyOtherObsModule() {
        noClasses().that().resideInAPackage("io.escalation.obs.core..")
                .should().dependOnClassesThat(resideInAPackage("io.escalation.obs..")
                        .and(not(resideInAPackage("io.escalation.obs.core.."))))
                .check(classes);
    }
}
