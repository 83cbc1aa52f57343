package io.escalation.obs.core.internal;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.catalog.BoundMeter;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the catalogue as {@code docs/metrics.md}: one table per module with the name as
 * Prometheus shows it, type, unit, labels with their vocabularies, help text and any deviation
 * from the reference architecture's names. Run {@link #main} with the output path to regenerate the file.
 */
public final class CatalogueMarkdown {

    private CatalogueMarkdown() {}

    /**
     * Writes the catalogue of every module on the class path to {@code args[0]}.
     *
     * @param args the output file, as the only argument
     * @throws java.io.IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CatalogueMarkdown <output file, e.g. docs/metrics.md>");
        }
        Files.writeString(Path.of(args[0]), render(MeterCatalogue.discover()), StandardCharsets.UTF_8);
    }

    /**
     * The Markdown for {@code catalogues}, stable for the same input.
     *
     * @param catalogues the catalogues to render
     * @return the Markdown text
     */
    public static String render(List<MeterCatalogue> catalogues) {
        LabelPolicy defaults = LabelPolicy.defaults();
        StringBuilder md = new StringBuilder(8192);
        md.append("# Metrics catalogue\n\n")
                .append("<!-- Generated from the MeterCatalogue of every module by CatalogueMarkdown;")
                .append(
                        " do not edit by hand. Regenerate with: mvn -B -pl architecture-tests -am verify -Dobs.updateCatalogue=true -->\n\n")
                .append("Every series carries the common tags `service`, `environment` and, when configured,")
                .append(" `cluster` (see `Observability.Builder`). Labels marked *open* take caller-supplied")
                .append(" values and pass the label guard: at most ")
                .append(defaults.maxValueLength())
                .append(" characters, control characters replaced, PII replaced by `redacted`, null by `unknown`,")
                .append(" and at most ")
                .append(defaults.maxValuesPerLabel())
                .append(" distinct values per")
                .append(" meter and label (configurable in `LabelPolicy`), beyond which values fold into `other`.\n");
        for (MeterCatalogue catalogue : catalogues) {
            md.append("\n## ")
                    .append(catalogue.module())
                    .append("\n\n")
                    .append("| Name | Type | Unit | Labels | Help | Compatibility with the reference architecture |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ObsMeter meter : catalogue.meters()) {
                md.append("| `")
                        .append(meter.prometheusName())
                        .append("` | ")
                        .append(prometheusType(meter.getType()))
                        .append(" | ")
                        .append(unit(meter))
                        .append(" | ")
                        .append(labels(meter.getLabels()))
                        .append(" | ")
                        .append(cell(meter.getDescription()))
                        .append(" | ")
                        .append(cell(meter.compatibility()))
                        .append(" |\n");
            }
            if (!catalogue.boundMeters().isEmpty()) {
                md.append("\nBound from other libraries (names as exposed; dashboards and alerts read these):\n\n")
                        .append("| Name | Type | Source | Compatibility with the reference architecture |\n")
                        .append("|---|---|---|---|\n");
                for (BoundMeter bound : catalogue.boundMeters()) {
                    md.append("| `")
                            .append(bound.prometheusName())
                            .append("` | ")
                            .append(bound.type())
                            .append(" | ")
                            .append(cell(bound.source()))
                            .append(" | ")
                            .append(cell(bound.compatibility()))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    /**
     * The Prometheus {@code # TYPE} of a catalogued meter; timers and summaries use explicit buckets.
     *
     * @param type the Micrometer meter type
     * @return {@code counter}, {@code gauge} or {@code histogram}
     */
    public static String prometheusType(Meter.Type type) {
        return switch (type) {
            case COUNTER -> "counter";
            case TIMER, DISTRIBUTION_SUMMARY -> "histogram";
            default -> "gauge";
        };
    }

    private static String unit(ObsMeter meter) {
        if (meter.getType() == Meter.Type.TIMER) {
            return "seconds";
        }
        String unit = meter.getBaseUnit();
        return unit == null ? "" : unit;
    }

    private static String labels(ObsLabel[] labels) {
        if (labels.length == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (ObsLabel label : labels) {
            if (s.length() > 0) {
                s.append("<br>");
            }
            s.append('`')
                    .append(label.asString())
                    .append('`')
                    .append(label.isOpen() ? " (open)" : "")
                    .append(": ")
                    .append(cell(label.vocabulary()));
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
