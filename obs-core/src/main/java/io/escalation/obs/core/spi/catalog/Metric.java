package io.escalation.obs.core.spi.catalog;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric's declaration: name, type, unit, help, labels, histogram buckets and, where the
 * exposed name differs from the reference architecture's, why. Declared once, as a constant of its
 * module's {@link ModuleCatalogue}, whose javadoc starts with the name Prometheus shows so that a
 * search for the exposed name lands on it.
 *
 * <pre>{@code
 * /** {@code llm_cost_usd_total}: cost in US dollars from the price table. *&#47;
 * public static final Metric COST = Metric.counter("llm.cost.usd")
 *         .help("Cost in US dollars from the price table")
 *         .labels(PROVIDER, MODEL)
 *         .compatibility("reference architecture: llm_cost_usd_total{provider}; model added")
 *         .build();
 * }</pre>
 *
 * <p>Facades register meters from it: {@link #counter()}, {@link #timer()} and {@link #summary()}
 * (with the declared buckets) and {@link #gauge}, then add tags for the declared labels.
 */
public final class Metric implements ObsMeter {

    private final MeterSpec spec;
    private final Duration[] timerBuckets;
    private final double[] summaryBuckets;

    private Metric(Builder builder) {
        this.spec = new MeterSpec(
                builder.name, builder.type, builder.unit, builder.help, builder.compatibility, builder.labels);
        this.timerBuckets = builder.timerBuckets;
        this.summaryBuckets = builder.summaryBuckets;
    }

    /**
     * Declares a counter; Prometheus adds {@code _total} to its name.
     *
     * @param name the dotted Micrometer name, e.g. {@code llm.cost.usd}
     * @return a builder
     */
    public static Builder counter(String name) {
        return new Builder(name, Meter.Type.COUNTER);
    }

    /**
     * Declares a gauge.
     *
     * @param name the dotted Micrometer name
     * @return a builder
     */
    public static Builder gauge(String name) {
        return new Builder(name, Meter.Type.GAUGE);
    }

    /**
     * Declares a timer, exposed in seconds as a histogram with the {@link Builder#buckets(Duration...)
     * declared buckets}.
     *
     * @param name the dotted Micrometer name
     * @return a builder
     */
    public static Builder timer(String name) {
        return new Builder(name, Meter.Type.TIMER);
    }

    /**
     * Declares a distribution summary, exposed as a histogram with the {@link Builder#buckets(double...)
     * declared buckets}.
     *
     * @param name the dotted Micrometer name
     * @return a builder
     */
    public static Builder summary(String name) {
        return new Builder(name, Meter.Type.DISTRIBUTION_SUMMARY);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }

    /**
     * A timer builder with the declared buckets; see {@link #timer(Duration...)}.
     *
     * @return a new timer builder
     */
    public Timer.Builder timer() {
        return timer(timerBuckets);
    }

    /**
     * A timer builder; with no buckets given, the declared ones.
     *
     * @param buckets the bucket boundaries, ascending; none for the declared ones
     * @return a new timer builder
     */
    @Override
    public Timer.Builder timer(Duration... buckets) {
        return ObsMeter.super.timer(buckets.length == 0 ? timerBuckets : buckets);
    }

    /**
     * A distribution summary builder with the declared buckets.
     *
     * @return a new summary builder
     */
    public DistributionSummary.Builder summary() {
        return summary(summaryBuckets);
    }

    /**
     * A distribution summary builder; with no buckets given, the declared ones.
     *
     * @param buckets the bucket boundaries, ascending; none for the declared ones
     * @return a new summary builder
     */
    @Override
    public DistributionSummary.Builder summary(double... buckets) {
        return ObsMeter.super.summary(buckets.length == 0 ? summaryBuckets : buckets);
    }

    /**
     * The declared timer buckets, a copy.
     *
     * @return the buckets; empty unless this is a timer
     */
    public Duration[] timerBuckets() {
        return timerBuckets.clone();
    }

    /**
     * The declared summary buckets, a copy.
     *
     * @return the buckets; empty unless this is a summary
     */
    public double[] summaryBuckets() {
        return summaryBuckets.clone();
    }

    @Override
    public String toString() {
        return prometheusName();
    }

    /** Collects one metric's declaration; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final Meter.Type type;
        private @Nullable String unit;
        private String help = "";
        private String compatibility = "";
        private List<ObsLabel> labels = List.of();
        private Duration[] timerBuckets = new Duration[0];
        private double[] summaryBuckets = new double[0];

        Builder(String name, Meter.Type type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = type;
        }

        /**
         * The base unit (timers are always in seconds and take none), e.g. {@code bytes}.
         *
         * @param unit the base unit
         * @return this builder
         */
        public Builder unit(String unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        /**
         * The help text, exposed as the {@code # HELP} line.
         *
         * @param help the help text
         * @return this builder
         */
        public Builder help(String help) {
            this.help = Objects.requireNonNull(help, "help");
            return this;
        }

        /**
         * The labels, in exposition order; common tags are not listed.
         *
         * @param labels the labels
         * @return this builder
         */
        public Builder labels(ObsLabel... labels) {
            this.labels = List.copyOf(Arrays.asList(labels));
            return this;
        }

        /**
         * The histogram buckets of a timer.
         *
         * @param buckets the bucket boundaries, ascending
         * @return this builder
         */
        public Builder buckets(Duration... buckets) {
            this.timerBuckets = buckets.clone();
            return this;
        }

        /**
         * The histogram buckets of a distribution summary.
         *
         * @param buckets the bucket boundaries, ascending
         * @return this builder
         */
        public Builder buckets(double... buckets) {
            this.summaryBuckets = buckets.clone();
            return this;
        }

        /**
         * How this metric relates to the reference architecture's names when it is not used as is,
         * e.g. {@code "reference architecture: llm_cost_usd_total{provider}; model added"}.
         *
         * @param note the note; empty when the reference name is used as is
         * @return this builder
         */
        public Builder compatibility(String note) {
            this.compatibility = Objects.requireNonNull(note, "note");
            return this;
        }

        /**
         * The declaration.
         *
         * @return the metric
         * @throws IllegalStateException when the help text is missing or buckets do not fit the type
         */
        public Metric build() {
            if (help.isBlank()) {
                throw new IllegalStateException(name + ": declare its help text with help(...)");
            }
            if (timerBuckets.length > 0 && type != Meter.Type.TIMER
                    || summaryBuckets.length > 0 && type != Meter.Type.DISTRIBUTION_SUMMARY) {
                throw new IllegalStateException(name + ": buckets fit a timer (Duration) or a summary (double) only");
            }
            return new Metric(this);
        }
    }
}
