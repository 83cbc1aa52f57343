package io.escalation.obs.core.spi.catalog;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.docs.MeterDocumentation;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * One catalogued meter: Micrometer's {@link MeterDocumentation} plus the help text, the labels with
 * their vocabularies, and how the exposed name relates to the reference architecture's. Declare
 * metrics as {@link Metric} constants of a {@link ModuleCatalogue}; this interface is what the
 * catalogue, the fault counter and the label guard read.
 */
public interface ObsMeter extends MeterDocumentation {

    /**
     * The catalogued facts of this meter; the accessors below read them.
     *
     * @return the meter's spec
     */
    MeterSpec spec();

    @Override
    default String getName() {
        return spec().name();
    }

    @Override
    default Meter.Type getType() {
        return spec().type();
    }

    @Override
    default @Nullable String getBaseUnit() {
        return spec().baseUnit();
    }

    /**
     * Help text, exposed as the Prometheus {@code # HELP} line.
     *
     * @return the help text
     */
    default String getDescription() {
        return spec().description();
    }

    /**
     * The labels of this meter, in exposition order. Common tags are not listed.
     *
     * @return the labels
     */
    default ObsLabel[] getLabels() {
        return spec().labels().toArray(new ObsLabel[0]);
    }

    @Override
    default KeyName[] getKeyNames() {
        return getLabels();
    }

    /**
     * How the exposed name relates to the reference architecture's: empty when that name is used as is,
     * otherwise its name and what differs.
     *
     * @return the note, or empty
     */
    default String compatibility() {
        return spec().compatibility();
    }

    /**
     * The name Prometheus shows, e.g. {@code llm_tokens_used_total}.
     *
     * @return the exposed name
     */
    default String prometheusName() {
        Meter.Type type = getType();
        String unit = type == Meter.Type.TIMER || type == Meter.Type.LONG_TASK_TIMER ? "seconds" : getBaseUnit();
        String name = convention(getName(), type, unit);
        // The Prometheus client adds _total to counters at exposition time; the convention leaves it out.
        if (type == Meter.Type.COUNTER && !name.endsWith("_total")) {
            return name + "_total";
        }
        // The convention strips the reserved _info suffix, which the exposition keeps on a gauge.
        if (type == Meter.Type.GAUGE && getName().endsWith(".info") && !name.endsWith("_info")) {
            return name + "_info";
        }
        return name;
    }

    private static String convention(String name, Meter.Type type, @Nullable String unit) {
        return PrometheusNamingHolder.CONVENTION.name(name, type, unit);
    }

    /**
     * A counter builder with this meter's name, description and base unit; add tags, then register.
     *
     * @return a new counter builder
     */
    default Counter.Builder counter() {
        requireType(Meter.Type.COUNTER);
        return Counter.builder(getName()).description(getDescription()).baseUnit(getBaseUnit());
    }

    /**
     * A timer builder with this meter's name and description, publishing explicit histogram buckets
     * (never Micrometer's 70-bucket percentile histogram).
     *
     * @param buckets the bucket boundaries, ascending
     * @return a new timer builder
     */
    default Timer.Builder timer(Duration... buckets) {
        requireType(Meter.Type.TIMER);
        return Timer.builder(getName())
                .description(getDescription())
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(buckets);
    }

    /**
     * A distribution summary builder with explicit buckets, name, description and base unit.
     *
     * @param buckets the bucket boundaries, ascending
     * @return a new summary builder
     */
    default DistributionSummary.Builder summary(double... buckets) {
        requireType(Meter.Type.DISTRIBUTION_SUMMARY);
        return DistributionSummary.builder(getName())
                .description(getDescription())
                .baseUnit(getBaseUnit())
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(buckets);
    }

    /**
     * A gauge builder reading {@code value} from {@code source}, with name, description and base unit.
     *
     * @param <T> the type of the object read
     * @param source the object read
     * @param value reads the gauge's value from {@code source}
     * @return a new gauge builder
     */
    default <T> Gauge.Builder<T> gauge(T source, ToDoubleFunction<T> value) {
        requireType(Meter.Type.GAUGE);
        return Gauge.builder(getName(), source, value)
                .description(getDescription())
                .baseUnit(getBaseUnit());
    }

    private void requireType(Meter.Type expected) {
        if (getType() != expected) {
            throw new IllegalStateException(getName() + " is catalogued as " + getType() + ", not " + expected
                    + ": build it with the matching method or fix its catalogue entry");
        }
    }
}
