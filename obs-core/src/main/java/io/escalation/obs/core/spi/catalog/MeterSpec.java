package io.escalation.obs.core.spi.catalog;

import io.micrometer.core.instrument.Meter;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one catalogued meter, as {@link Metric.Builder} collects them.
 *
 * @param name the Micrometer (dotted) name, e.g. {@code llm.tokens.used}
 * @param type the meter type
 * @param baseUnit the base unit, or null
 * @param description the help text
 * @param compatibility empty, or the reference architecture's name and how this one relates to it
 * @param labels the labels, in exposition order
 */
public record MeterSpec(
        String name,
        Meter.Type type,
        @Nullable String baseUnit,
        String description,
        String compatibility,
        List<ObsLabel> labels) {

    /**
     * Copies {@code labels}.
     *
     * @param name the Micrometer name, dotted
     * @param type the meter type
     * @param baseUnit the base unit, or null
     * @param description the help text
     * @param compatibility how the name relates to the reference architecture's, or empty
     * @param labels the labels, in exposition order
     */
    public MeterSpec {
        labels = List.copyOf(labels);
    }

    /**
     * A spec from the values an enum constant lists.
     *
     * @param name the Micrometer name, dotted
     * @param type the meter type
     * @param baseUnit the base unit, or null
     * @param description the help text
     * @param compatibility how the name relates to the reference architecture's, or empty
     * @param labels the labels, in exposition order
     * @return the spec
     */
    public static MeterSpec of(
            String name,
            Meter.Type type,
            @Nullable String baseUnit,
            String description,
            String compatibility,
            ObsLabel... labels) {
        return new MeterSpec(name, type, baseUnit, description, compatibility, Arrays.asList(labels));
    }
}
