package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.spi.catalog.BoundMeter;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.internal.CatalogueMarkdown;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.ObsAssertions;
import io.escalation.obs.test.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real scrape of a service that exercised obs-core passes {@code promtool check metrics}, and
 * every catalogued meter shows up in it with the catalogued type.
 */
class ScrapeContractTest {

    private static Observability obs;
    private static String scrape;

    @BeforeAll
    static void exerciseAndScrape() throws Exception {
        obs = Observability.builder().serviceName("client-escalation-calls").environment("test")
                .labelPolicy(LabelPolicy.builder().maxValuesPerLabel(2).build()).build();
        AppErrors errors = AppErrors.create(obs);
        errors.record("DatabaseError", ErrorSeverity.ERROR);
        errors.record("TimeoutError", ErrorSeverity.WARNING);
        errors.record("RateLimitError", ErrorSeverity.WARNING);   // overflow: cap is 2
        errors.record((String) null, ErrorSeverity.ERROR);         // fault
        QueueMetrics.create(obs).register("tasks", new ArrayBlockingQueue<>(4));
        ExerciseHooks.exerciseAll(obs);
        System.gc();   // so that the GC pause timer has a sample
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            scrape = obs.prometheusText();
            Thread.sleep(50);
        } while (!scrape.contains("jvm_gc_pause_seconds") && System.nanoTime() < deadline);
    }

    @AfterAll
    static void close() {
        obs.close();
    }

    @Test
    void promtoolAcceptsTheScrape() throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = read(promtool.getInputStream());
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("promtool check metrics output").isEmpty();
        assertThat(promtool.exitValue()).isZero();
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
        List<Sample> samples = ObsAssertions.assertThatScrape(scrape).samples();
        List<String> wrong = new ArrayList<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            for (ObsMeter meter : catalogue.meters()) {
                String series = meter.prometheusName()
                        + (CatalogueMarkdown.prometheusType(meter.getType()).equals("histogram") ? "_count" : "");
                Set<String> expected = new TreeSet<>(List.of("service", "environment"));
                for (ObsLabel label : meter.getLabels()) {
                    expected.add(label.asString());
                }
                samples.stream().filter(sample -> sample.name().equals(series))
                        .map(sample -> new TreeSet<>(sample.labels().keySet()))
                        .filter(keys -> !keys.equals(expected))
                        .findFirst()
                        .ifPresent(keys -> wrong.add(series + " has " + keys + ", catalogue says " + expected));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void histogramsUseExplicitBucketsNotPercentileHistograms() {
        long buckets = scrape.lines().filter(l -> l.startsWith("health_check_duration_seconds_bucket{check=\"database\"")).count();
        assertThat(buckets).as("buckets per health check series").isBetween(5L, 20L);
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
