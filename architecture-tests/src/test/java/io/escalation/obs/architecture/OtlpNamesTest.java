package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every catalogued metric keeps its Prometheus name and label names when it travels over OTLP
 * ({@code Observability.Builder.otlp}, docs/otlp.md): Micrometer's OTLP registry sends the dotted name
 * (its dot naming convention) and the unit ({@code seconds} for timers), and the Prometheus translation
 * of a Collector's {@code prometheusremotewrite} exporter or of Mimir's OTLP ingest turns that back into
 * the name the scrape shows. obs-core's {@code OtlpExportTest} checks the same on a real export.
 */
class OtlpNamesTest {

    /** OTLP units the translation renames; any other unit is appended as it is. */
    private static final Map<String, String> UNITS =
            Map.of("s", "seconds", "ms", "milliseconds", "By", "bytes", "%", "percent", "1", "");

    @Test
    void everyCataloguedNameAndLabelTranslatesBackToTheScrapedOne() {
        int meters = 0;
        List<String> differing = new ArrayList<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            for (ObsMeter meter : catalogue.meters()) {
                meters++;
                Meter.Type type = meter.getType();
                boolean timer = type == Meter.Type.TIMER || type == Meter.Type.LONG_TASK_TIMER;
                String unit = timer ? "seconds" : meter.getBaseUnit();
                String otlpName = NamingConvention.dot.name(meter.getName(), type, unit);
                String translated = translate(otlpName, unit, type == Meter.Type.COUNTER);
                if (!translated.equals(meter.prometheusName())) {
                    differing.add(meter.prometheusName() + " <- " + otlpName + " (" + unit + ") -> " + translated);
                }
                for (ObsLabel label : meter.getLabels()) {
                    String key = label.asString();
                    String overOtlp = NamingConvention.dot.tagKey(key).replaceAll("[^a-zA-Z0-9_]", "_");
                    String scraped = new PrometheusNamingConvention().tagKey(key);
                    if (!overOtlp.equals(scraped)) {
                        differing.add(meter.prometheusName() + " label " + scraped + " -> " + overOtlp);
                    }
                }
            }
        }
        assertThat(meters).as("catalogued meters").isGreaterThan(50);
        System.out.printf("OtlpNamesTest: %d catalogued meters translated back to their Prometheus names%n", meters);
        assertThat(differing).as("names or labels that differ over OTLP").isEmpty();
    }

    /**
     * The translation with suffixes: characters outside {@code [a-zA-Z0-9_:]} become {@code _}, the unit is
     * appended unless the name has it as a word, a monotonic sum gets {@code _total}.
     */
    static String translate(String name, String unit, boolean monotonic) {
        List<String> words = new ArrayList<>(
                Arrays.asList(name.replaceAll("[^a-zA-Z0-9_:]", "_").split("_+")));
        String suffix = unit == null ? "" : unit.replaceAll("\\{[^}]*}", "");
        suffix = UNITS.getOrDefault(suffix, suffix.replaceAll("[^a-zA-Z0-9]", "_"));
        if (!suffix.isEmpty() && !words.contains(suffix)) {
            words.add(suffix);
        }
        if (monotonic && !words.get(words.size() - 1).equals("total")) {
            words.add("total");
        }
        return String.join("_", words);
    }
}
