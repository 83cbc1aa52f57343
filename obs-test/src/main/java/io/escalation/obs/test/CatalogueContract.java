package io.escalation.obs.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.catalog.BoundMeter;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract between a module's metric catalogue and what its facades emit, as a JUnit 5 test to
 * subclass in the module's own tests: {@link #exercise} calls the facades so that every catalogued
 * meter appears in a scrape, and the inherited tests check that scrape against the module's
 * {@link MeterCatalogue} (found through {@link java.util.ServiceLoader} by {@link #module()}).
 *
 * <pre>{@code
 * public class LlmCatalogueContractTest extends CatalogueContract {
 *     public String module() {
 *         return "obs-llm";
 *     }
 *
 *     public void exercise(Observability obs) {
 *         LlmMetrics.create(obs).recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_200, 300);
 *         // ... one call per catalogued meter
 *     }
 * }
 * }</pre>
 *
 * <p>Adding a meter to a module then touches that module only: its declaration, its facade, the call in
 * its contract test (and the regenerated catalogue). The checks, for the module's meters only:
 * <ul>
 *   <li>every catalogued meter (and bound meter) is exposed with its catalogued Prometheus type;</li>
 *   <li>every sample of a catalogued meter carries exactly the catalogued labels plus the common tags
 *       {@code service} and {@code environment};</li>
 *   <li>nothing uncatalogued is exposed: every metric family of the scrape is in this module's catalogue
 *       or obs-core's (the self-metrics every facade may touch), or is the {@code _max} gauge Micrometer
 *       adds beside a catalogued histogram;</li>
 *   <li>names and labels follow the Prometheus conventions the catalogue promises.</li>
 * </ul>
 * A subclass that is also listed in {@code META-INF/services/io.escalation.obs.test.CatalogueContract}
 * of its test resources (public, with a public no-argument constructor) lets a suite-wide test
 * exercise every module in one scrape, e.g. for {@code promtool check metrics}.
 */
public abstract class CatalogueContract {

    private static final Pattern PROMETHEUS_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> IDENTITY_LABELS =
            Set.of("customer_id", "user_id", "ip", "phone", "email", "url", "path");

    private TestObservability test;
    private String scrape = "";

    /** For subclasses. */
    protected CatalogueContract() {}

    /**
     * The artifact id of the module under test, as its {@link MeterCatalogue#module()} says.
     *
     * @return the module, e.g. {@code obs-llm}
     */
    public abstract String module();

    /**
     * Calls the module's facades on {@code obs} so that every meter of its catalogue appears in a
     * scrape. Must not depend on anything else recorded on {@code obs}: a suite-wide test may call the
     * exercises of every module on one instance.
     *
     * @param obs the instance to record on
     */
    public abstract void exercise(Observability obs);

    /**
     * Changes to the {@link TestObservability} defaults before {@link #exercise} runs, e.g. a small
     * label cap so that an overflow series appears. Nothing by default.
     *
     * @param builder the builder of the instance under test
     */
    protected void configure(Observability.Builder builder) {}

    /** Exercises the module on a fresh {@link TestObservability} and scrapes it. */
    @BeforeEach
    public final void exerciseAndScrape() {
        test = TestObservability.create(this::configure);
        exercise(test.obs());
        scrape = test.scrape();
    }

    /** Closes the instance of {@link #exerciseAndScrape()}. */
    @AfterEach
    public final void closeObservability() {
        if (test != null) {
            test.close();
        }
    }

    /** Every catalogued meter of the module appears in the scrape with its catalogued Prometheus type. */
    @Test
    public void everyCataloguedMeterIsExposedWithItsType() {
        MeterCatalogue catalogue = catalogue(module());
        List<String> missing = new ArrayList<>();
        for (ObsMeter meter : catalogue.meters()) {
            String type = prometheusType(meter.getType());
            if (!scrape.contains("# TYPE " + meter.prometheusName() + " " + type + "\n")) {
                missing.add(meter.prometheusName() + " (" + type + ")");
            }
        }
        for (BoundMeter bound : catalogue.boundMeters()) {
            if (!scrape.contains("# TYPE " + bound.prometheusName() + " " + bound.type() + "\n")) {
                missing.add(bound.prometheusName() + " (" + bound.type() + ")");
            }
        }
        assertThat(missing)
                .as("catalogued meters of %s missing from the scrape of exercise(obs)", module())
                .isEmpty();
    }

    /** Every sample of a catalogued meter has exactly the catalogued labels plus the common tags. */
    @Test
    public void everyCataloguedMeterCarriesExactlyItsCataloguedLabels() {
        assertThat(wrongLabels(catalogue(module()), scrape)).isEmpty();
    }

    /** Every metric family in the scrape is catalogued by this module or by obs-core. */
    @Test
    public void nothingUncataloguedIsExposed() {
        Set<String> catalogued = new HashSet<>(familyNames(catalogue(module())));
        catalogued.addAll(familyNames(catalogue("obs-core")));
        List<String> uncatalogued = scrape.lines()
                .filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2])
                .filter(name -> !catalogued.contains(name))
                .toList();
        assertThat(uncatalogued)
                .as("exposed by %s but in no catalogue", module())
                .isEmpty();
    }

    /** Names are valid, unique, suffixed by type, documented; labels are valid and never identities. */
    @Test
    public void namesAndLabelsFollowPrometheusConventions() {
        Set<String> names = new HashSet<>();
        for (ObsMeter meter : catalogue(module()).meters()) {
            String name = meter.prometheusName();
            assertThat(names.add(name)).as("duplicate meter %s", name).isTrue();
            assertThat(name).matches(PROMETHEUS_NAME);
            assertThat(meter.getDescription()).as("help of %s", name).isNotBlank();
            switch (meter.getType()) {
                case COUNTER -> assertThat(name).endsWith("_total");
                case TIMER -> assertThat(name).endsWith("_seconds");
                default ->
                    assertThat(name).as("only counters end in _total: %s", name).doesNotEndWith("_total");
            }
            for (ObsLabel label : meter.getLabels()) {
                assertThat(label.asString()).matches(PROMETHEUS_NAME);
                assertThat(label.asString())
                        .as("labels never carry identities or PII (%s)", name)
                        .isNotIn(IDENTITY_LABELS);
                assertThat(label.vocabulary()).isNotBlank();
            }
        }
    }

    /**
     * The catalogue of {@code module} on the class path.
     *
     * @param module the artifact id, e.g. {@code obs-llm}
     * @return its catalogue
     * @throws AssertionError when no catalogue, or more than one, declares {@code module}
     */
    public static MeterCatalogue catalogue(String module) {
        List<MeterCatalogue> found = MeterCatalogue.discover().stream()
                .filter(c -> c.module().equals(module))
                .toList();
        assertThat(found)
                .as("META-INF/services catalogues declaring %s", module)
                .hasSize(1);
        return found.get(0);
    }

    /**
     * The catalogued meters of {@code catalogue} whose samples in {@code scrape} do not carry exactly
     * the catalogued labels plus {@code service} and {@code environment}: one entry per meter, naming
     * the first wrong label set. Histograms are checked on their {@code _count} series.
     *
     * @param catalogue the catalogue whose meters to check
     * @param scrape a scrape in the Prometheus text format
     * @return descriptions of the wrong meters; empty when all are right
     */
    public static List<String> wrongLabels(MeterCatalogue catalogue, String scrape) {
        List<Sample> samples = ScrapeParser.parse(scrape);
        List<String> wrong = new ArrayList<>();
        for (ObsMeter meter : catalogue.meters()) {
            String series =
                    meter.prometheusName() + (prometheusType(meter.getType()).equals("histogram") ? "_count" : "");
            Set<String> expected = new TreeSet<>(List.of("service", "environment"));
            for (ObsLabel label : meter.getLabels()) {
                expected.add(label.asString());
            }
            samples.stream()
                    .filter(sample -> sample.name().equals(series))
                    .map(sample -> new TreeSet<>(sample.labels().keySet()))
                    .filter(keys -> !keys.equals(expected))
                    .findFirst()
                    .ifPresent(keys -> wrong.add(series + " has " + keys + ", catalogue says " + expected));
        }
        return wrong;
    }

    /**
     * The Prometheus type a Micrometer meter type is exposed as.
     *
     * @param type the meter type
     * @return {@code counter}, {@code histogram} (timers and distribution summaries) or {@code gauge}
     */
    public static String prometheusType(Meter.Type type) {
        return switch (type) {
            case COUNTER -> "counter";
            case TIMER, DISTRIBUTION_SUMMARY -> "histogram";
            default -> "gauge";
        };
    }

    private static List<String> familyNames(MeterCatalogue catalogue) {
        List<String> names = new ArrayList<>();
        for (ObsMeter meter : catalogue.meters()) {
            names.add(meter.prometheusName());
            if (prometheusType(meter.getType()).equals("histogram")) {
                names.add(meter.prometheusName() + "_max"); // Micrometer's gauge beside every histogram
            }
        }
        for (BoundMeter bound : catalogue.boundMeters()) {
            names.add(bound.prometheusName());
        }
        return names;
    }
}
