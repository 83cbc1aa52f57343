package io.escalation.obs.benchmarks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One performance budget over JMH figures (ns/op and B/op), keyed by {@code Class.method}. */
sealed interface Budget {

    /** What an allocation budget reports for a figure measured without JMH's GC profiler. */
    String NO_GC_PROFILER = "no gc.alloc.rate.norm (run with -prof gc)";

    /** The benchmarks the budget reads: what a re-run of a failed budget must measure again. */
    List<String> benchmarks();

    /** Checks the budget; a benchmark missing from {@code figures} fails it. */
    Verdict evaluate(Map<String, Figure> figures);

    /** The outcome of one budget: what was measured against which limit; a skipped budget passes. */
    record Verdict(Budget budget, String title, String measured, String limit, boolean pass, boolean skipped) {

        Verdict(Budget budget, String title, String measured, String limit, boolean pass) {
            this(budget, title, measured, limit, pass, false);
        }

        /** This budget marked as not evaluated because none of its benchmarks ran. */
        Verdict skip() {
            return new Verdict(budget, title, "not run", limit, true, true);
        }

        String label() {
            return skipped ? "SKIP" : pass ? "PASS" : "FAIL";
        }
    }

    /**
     * {@code gc.alloc.rate.norm} of {@code benchmark} at most {@code maxBytes} per operation: nothing for
     * a limit of 1 B or less, else a bound on what one operation allocates.
     */
    record NoAllocation(String benchmark, double maxBytes) implements Budget {
        @Override
        public List<String> benchmarks() {
            return List.of(benchmark);
        }

        @Override
        public Verdict evaluate(Map<String, Figure> figures) {
            String title = benchmark + (maxBytes <= 1 ? " allocates nothing" : " allocation");
            String limit = "<= " + limit(maxBytes) + " B/op";
            Figure figure = figures.get(benchmark);
            if (figure == null) {
                return new Verdict(this, title, "missing " + benchmark, limit, false);
            }
            if (!figure.hasAllocation()) {
                return new Verdict(this, title, NO_GC_PROFILER, limit, false);
            }
            return new Verdict(
                    this, title, format(figure.bytesPerOp()) + " B/op", limit, figure.bytesPerOp() <= maxBytes);
        }
    }

    /**
     * {@code gc.alloc.rate.norm} of {@code benchmark} at most {@code maxBytes} per operation above that of
     * {@code baseline}, measured in the same run: what a layer adds to an operation that allocates anyway.
     */
    record MaxExtraAllocation(String benchmark, String baseline, double maxBytes) implements Budget {
        @Override
        public List<String> benchmarks() {
            return List.of(benchmark, baseline);
        }

        @Override
        public Verdict evaluate(Map<String, Figure> figures) {
            String title = benchmark + " - " + baseline + " allocation";
            String limit = "<= +" + limit(maxBytes) + " B/op";
            String missing = missing(figures, benchmark, baseline);
            if (missing != null) {
                return new Verdict(this, title, missing, limit, false);
            }
            Figure measured = figures.get(benchmark);
            Figure base = figures.get(baseline);
            if (!measured.hasAllocation() || !base.hasAllocation()) {
                return new Verdict(this, title, NO_GC_PROFILER, limit, false);
            }
            double extra = measured.bytesPerOp() - base.bytesPerOp();
            return new Verdict(
                    this,
                    title,
                    (extra < 0 ? "" : "+") + format(extra) + " B/op (" + format(measured.bytesPerOp()) + " vs "
                            + format(base.bytesPerOp()) + ")",
                    limit,
                    extra <= maxBytes);
        }
    }

    /** {@code benchmark} takes at most {@code maxRatio} times the time of {@code baseline}. */
    record MaxSlowdown(String benchmark, String baseline, double maxRatio) implements Budget {
        @Override
        public List<String> benchmarks() {
            return List.of(benchmark, baseline);
        }

        @Override
        public Verdict evaluate(Map<String, Figure> figures) {
            String title = benchmark + " / " + baseline;
            String limit = "<= " + limit(maxRatio) + "x";
            String missing = missing(figures, benchmark, baseline);
            if (missing != null) {
                return new Verdict(this, title, missing, limit, false);
            }
            double ratio =
                    figures.get(benchmark).score() / figures.get(baseline).score();
            return new Verdict(this, title, format(ratio) + "x", limit, ratio <= maxRatio);
        }
    }

    /** {@code benchmark} is at least {@code minFactor} times faster than {@code baseline}. */
    record MinSpeedup(String benchmark, String baseline, double minFactor) implements Budget {
        @Override
        public List<String> benchmarks() {
            return List.of(benchmark, baseline);
        }

        @Override
        public Verdict evaluate(Map<String, Figure> figures) {
            String title = baseline + " / " + benchmark + " (speed-up)";
            String limit = ">= " + limit(minFactor) + "x";
            String missing = missing(figures, benchmark, baseline);
            if (missing != null) {
                return new Verdict(this, title, missing, limit, false);
            }
            double factor =
                    figures.get(baseline).score() / figures.get(benchmark).score();
            return new Verdict(this, title, format(factor) + "x", limit, factor >= minFactor);
        }
    }

    /**
     * {@code benchmark}'s time per input character is at most {@code maxRatio} times that of
     * {@code reference}: cost grows linearly with the input.
     */
    record MaxPerCharRatio(String benchmark, int benchmarkChars, String reference, int referenceChars, double maxRatio)
            implements Budget {
        @Override
        public List<String> benchmarks() {
            return List.of(benchmark, reference);
        }

        @Override
        public Verdict evaluate(Map<String, Figure> figures) {
            String title = benchmark + " ns/char (" + benchmarkChars + " chars) / " + reference + " ns/char ("
                    + referenceChars + " chars)";
            String limit = "<= " + limit(maxRatio) + "x";
            String missing = missing(figures, benchmark, reference);
            if (missing != null) {
                return new Verdict(this, title, missing, limit, false);
            }
            double perChar = figures.get(benchmark).score() / benchmarkChars;
            double referencePerChar = figures.get(reference).score() / referenceChars;
            double ratio = perChar / referencePerChar;
            return new Verdict(
                    this,
                    title,
                    format(ratio) + "x (" + format(perChar) + " vs " + format(referencePerChar) + " ns/char)",
                    limit,
                    ratio <= maxRatio);
        }
    }

    private static @Nullable String missing(Map<String, Figure> figures, String... names) {
        for (String name : names) {
            if (!figures.containsKey(name)) {
                return "missing " + name;
            }
        }
        return null;
    }

    /** A limit as written in the budget: {@code 1.5}, {@code 30}. */
    static String limit(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Three decimals below 1, two below 100, none above: enough for ratios, ns and bytes. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 1 || magnitude == 0 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
