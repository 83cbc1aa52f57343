package io.escalation.obs.architecture;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.core.internal.CatalogueMarkdown;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.catalog.BoundMeter;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.test.CatalogueContract;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real scrape of a service that exercised obs-core and every other module passes
 * {@code promtool check metrics}, and every catalogued meter shows up in it with the catalogued type
 * and labels. obs-core is exercised here; every other module is exercised by its own
 * {@link CatalogueContract} test (e.g. obs-llm's {@code LlmCatalogueContractTest}), found through the
 * {@code META-INF/services/io.escalation.obs.test.CatalogueContract} entry among the module's compiled
 * test classes ({@code <module>/target/test-classes}, built by the reactor before this module). They
 * are loaded in a class loader of their own, so that the modules' test resources (logback-test.xml)
 * stay off this module's class path.
 */
class ScrapeContractTest {

    private static Observability obs;
    private static String scrape;
    private static URLClassLoader moduleTests;
    private static List<CatalogueContract> contracts;

    @BeforeAll
    static void exerciseAndScrape() throws Exception {
        obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("test")
                .labelPolicy(LabelPolicy.builder().maxValuesPerLabel(2).build())
                .build();
        AppErrors errors = AppErrors.create(obs);
        errors.record("DatabaseError", ErrorSeverity.ERROR);
        errors.record("TimeoutError", ErrorSeverity.WARNING);
        errors.record("RateLimitError", ErrorSeverity.WARNING); // overflow: cap is 2
        errors.record((String) null, ErrorSeverity.ERROR); // fault
        QueueMetrics.create(obs).register("tasks", new ArrayBlockingQueue<>(4));
        try (HealthChecks health = HealthChecks.create(obs)) {
            health.register("database", Duration.ofSeconds(1), HealthResult::up);
            health.register("redis", Duration.ofSeconds(1), () -> HealthResult.down("connection refused"));
            health.runAll();
        }
        moduleTests = moduleTestClasses();
        contracts = new ArrayList<>();
        ServiceLoader.load(CatalogueContract.class, moduleTests).forEach(contracts::add);
        contracts.sort(Comparator.comparing(CatalogueContract::module));
        for (CatalogueContract contract : contracts) {
            contract.exercise(obs);
        }
        System.gc(); // so that the GC pause timer has a sample
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            scrape = obs.prometheusText();
            Thread.sleep(50);
        } while (!scrape.contains("jvm_gc_pause_seconds") && System.nanoTime() < deadline);
    }

    @AfterAll
    static void close() throws IOException {
        obs.close();
        moduleTests.close();
    }

    /** The compiled test classes of every module that has a catalogue contract, parent-first. */
    private static URLClassLoader moduleTestClasses() throws IOException {
        List<URL> dirs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(BomTest.ROOT)) {
            for (Path module : modules.sorted().toList()) {
                Path classes = module.resolve("target/test-classes");
                if (Files.isRegularFile(classes.resolve("META-INF/services/" + CatalogueContract.class.getName()))) {
                    dirs.add(classes.toUri().toURL());
                }
            }
        }
        return new URLClassLoader(dirs.toArray(new URL[0]), ScrapeContractTest.class.getClassLoader());
    }

    @Test
    void everyModuleWithACatalogueHasACatalogueContractThatRanHere() {
        Set<String> catalogued = new TreeSet<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            catalogued.add(catalogue.module());
        }
        catalogued.remove("obs-core"); // exercised above: obs-test depends on obs-core, not the other way
        assertThat(contracts)
                .extracting(CatalogueContract::module)
                .as("catalogue contracts found in <module>/target/test-classes (build the reactor with -am)")
                .containsExactlyInAnyOrderElementsOf(catalogued);
    }

    @Test
    void promtoolAcceptsTheScrape() {
        assertThatScrape(scrape).passesPromtool();
    }

    @Test
    void everyCataloguedMeterIsExposedWithItsType() {
        List<String> missing = new ArrayList<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            for (ObsMeter meter : catalogue.meters()) {
                if (meter == CoreCatalogue.PROCESS_RESIDENT_MEMORY && !new java.io.File("/proc/self/status").exists()) {
                    continue;
                }
                String type = CatalogueMarkdown.prometheusType(meter.getType());
                if (!scrape.contains("# TYPE " + meter.prometheusName() + " " + type + "\n")) {
                    missing.add(meter.prometheusName() + " (" + type + ")");
                }
            }
            for (BoundMeter bound : catalogue.boundMeters()) {
                if (!scrape.contains("# TYPE " + bound.prometheusName() + " " + bound.type() + "\n")) {
                    missing.add(bound.prometheusName() + " (" + bound.type() + ")");
                }
            }
        }
        assertThat(missing).as("catalogued meters missing from a real scrape").isEmpty();
    }

    @Test
    void everyCataloguedMeterCarriesExactlyItsCataloguedLabels() {
        List<String> wrong = new ArrayList<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            wrong.addAll(CatalogueContract.wrongLabels(catalogue, scrape));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void histogramsUseExplicitBucketsNotPercentileHistograms() {
        long buckets = scrape.lines()
                .filter(l -> l.startsWith("health_check_duration_seconds_bucket{check=\"database\""))
                .count();
        assertThat(buckets).as("buckets per health check series").isBetween(5L, 20L);
    }
}
