package io.escalation.obs.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One benchmark's result from a JMH JSON file.
 *
 * @param name {@code Class.method}, the key budgets use
 * @param score the median of the measured iterations in {@code unit} (ns/op for the gate), or JMH's
 *     mean score when the results have no percentiles
 * @param error the 99.9% confidence half-width JMH reports, NaN when it has none
 * @param unit the primary score's unit
 * @param bytesPerOp {@code gc.alloc.rate.norm}, NaN when the run had no {@code -prof gc}
 * @param run which results file it came from, 1 for the first run and 2 for a re-run
 */
record Figure(String name, double score, double error, String unit, double bytesPerOp, int run) {

    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    /** The figures in one JMH JSON document ({@code -rf json}), tagged with {@code run}. */
    static List<Figure> fromJmhJson(String json, int run) {
        Object root = JmhJson.parse(json);
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException("JMH results must be a JSON array of benchmark results");
        }
        List<Figure> figures = new ArrayList<>();
        for (Object entry : entries) {
            Map<?, ?> result = asMap(entry, "benchmark result");
            Map<?, ?> primary = asMap(result.get("primaryMetric"), "primaryMetric");
            figures.add(new Figure(
                    shortName(asString(result.get("benchmark"), "benchmark")),
                    median(primary),
                    asNumber(primary.get("scoreError")),
                    asString(primary.get("scoreUnit"), "scoreUnit"),
                    allocNorm(result.get("secondaryMetrics")),
                    run));
        }
        return figures;
    }

    /**
     * The median of the measured iterations, all forks pooled ({@code scorePercentiles} 50.0), or
     * the mean score when the file has no median. One slow fork (a neighbour on the machine, a worse
     * JIT outcome) moves the mean of 10 iterations by half its excess; it moves the median of the
     * 15 iterations of a 3-fork re-run not at all.
     */
    private static double median(Map<?, ?> primary) {
        if (primary.get("scorePercentiles") instanceof Map<?, ?> percentiles) {
            double median = asNumber(percentiles.get("50.0"));
            if (!Double.isNaN(median)) {
                return median;
            }
        }
        return asNumber(primary.get("score"));
    }

    /** {@code io.escalation.obs.benchmarks.FacadeBench.guardedCounter} becomes {@code FacadeBench.guardedCounter}. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    boolean hasAllocation() {
        return !Double.isNaN(bytesPerOp);
    }

    private static double allocNorm(@Nullable Object secondary) {
        if (!(secondary instanceof Map<?, ?> metrics)) {
            return Double.NaN;
        }
        for (Map.Entry<?, ?> metric : metrics.entrySet()) {
            // JMH before 1.36 prefixed secondary metrics with a middle dot: "·gc.alloc.rate.norm"
            String key = String.valueOf(metric.getKey());
            if (key.equals(ALLOC_NORM) || key.endsWith("\u00b7" + ALLOC_NORM)) {
                return asNumber(asMap(metric.getValue(), ALLOC_NORM).get("score"));
            }
        }
        return Double.NaN;
    }

    private static Map<?, ?> asMap(@Nullable Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("JMH results: " + what + " is not an object");
    }

    private static String asString(@Nullable Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("JMH results: " + what + " is not a string");
    }

    private static double asNumber(@Nullable Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) { // JMH writes "NaN" as a string
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
