package io.escalation.obs.core.label;

/**
 * Limits for open-vocabulary label values (model names, routes, query names, table names).
 *
 * <pre>{@code
 * LabelPolicy policy = LabelPolicy.builder().maxValuesPerLabel(200).maxSeriesPerMeter(5_000).build();
 * }</pre>
 */
public final class LabelPolicy {

    /** Label value that replaces values beyond the per-label cap. */
    public static final String OTHER = "other";
    /** Label value that replaces values the masker flags as PII. */
    public static final String REDACTED = "redacted";
    /** Label value that replaces null or blank values. */
    public static final String UNKNOWN = "unknown";

    private static final LabelPolicy DEFAULTS = builder().build();

    private final int maxValueLength;
    private final int maxValuesPerLabel;
    private final int maxSeriesPerMeter;

    private LabelPolicy(Builder builder) {
        this.maxValueLength = builder.maxValueLength;
        this.maxValuesPerLabel = builder.maxValuesPerLabel;
        this.maxSeriesPerMeter = builder.maxSeriesPerMeter;
    }

    /**
     * 128 characters, 100 distinct values per meter and label, 2,000 series per meter.
     *
     * @return the default policy
     */
    public static LabelPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Longer values are truncated to this many characters.
     *
     * @return the maximum length in characters
     */
    public int maxValueLength() {
        return maxValueLength;
    }

    /**
     * Distinct values one label of one meter may take before new ones fold into {@link #OTHER}.
     *
     * @return the maximum number of values
     */
    public int maxValuesPerLabel() {
        return maxValuesPerLabel;
    }

    /**
     * Series (distinct label sets) one meter may have, for meters whose facade combines several
     * labels (see {@link io.escalation.obs.core.spi.label.SeriesBudget}); past it new combinations fold into an {@code other} series.
     *
     * @return the maximum number of series
     */
    public int maxSeriesPerMeter() {
        return maxSeriesPerMeter;
    }

    /** Builds a {@link LabelPolicy}; invalid limits fail at {@link #build()} with what to change. */
    public static final class Builder {
        private int maxValueLength = 128;
        private int maxValuesPerLabel = 100;
        private int maxSeriesPerMeter = 2_000;

        private Builder() {}

        /**
         * Maximum characters of a label value, 8 to 1024.
         *
         * @param maxValueLength the maximum length in characters
         * @return this builder
         */
        public Builder maxValueLength(int maxValueLength) {
            this.maxValueLength = maxValueLength;
            return this;
        }

        /**
         * Maximum distinct values per meter and label, 1 to 10000.
         *
         * @param maxValuesPerLabel the maximum number of values
         * @return this builder
         */
        public Builder maxValuesPerLabel(int maxValuesPerLabel) {
            this.maxValuesPerLabel = maxValuesPerLabel;
            return this;
        }

        /**
         * Maximum series (distinct label sets) per meter, 100 to 100000; default 2000.
         *
         * @param maxSeriesPerMeter the maximum number of series
         * @return this builder
         */
        public Builder maxSeriesPerMeter(int maxSeriesPerMeter) {
            this.maxSeriesPerMeter = maxSeriesPerMeter;
            return this;
        }

        /**
         * The policy; throws {@link IllegalArgumentException} naming the setting to change.
         *
         * @return the checked policy
         */
        public LabelPolicy build() {
            if (maxValueLength < 8 || maxValueLength > 1024) {
                throw new IllegalArgumentException(
                        "LabelPolicy.maxValueLength must be between 8 and 1024, was " + maxValueLength);
            }
            if (maxValuesPerLabel < 1 || maxValuesPerLabel > 10_000) {
                throw new IllegalArgumentException("LabelPolicy.maxValuesPerLabel must be between 1 and 10000"
                        + " (every value is a time series), was " + maxValuesPerLabel);
            }
            if (maxSeriesPerMeter < 100 || maxSeriesPerMeter > 100_000) {
                throw new IllegalArgumentException("LabelPolicy.maxSeriesPerMeter must be between 100 and 100000"
                        + " (each series costs memory in every scrape and in Prometheus), was " + maxSeriesPerMeter);
            }
            return new LabelPolicy(this);
        }
    }
}
