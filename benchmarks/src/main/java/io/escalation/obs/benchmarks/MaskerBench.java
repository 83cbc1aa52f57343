package io.escalation.obs.benchmarks;

import io.escalation.obs.core.pii.PiiMasker;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@code PiiMasker.defaults().mask(s)} on the lines of {@link BenchInputs}; {@link NaiveMasker} is the contrast. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MaskerBench {

    private final PiiMasker masker = PiiMasker.defaults();
    private final String cleanLine = BenchInputs.CLEAN_LINE;
    private final String piiLine = BenchInputs.PII_LINE;
    private final String longTokenLine = BenchInputs.LONG_TOKEN_LINE;
    private final String proseText = BenchInputs.PROSE_TEXT;
    private final String jsonLine = BenchInputs.JSON_LINE;
    private final String numbersLine = BenchInputs.NUMBERS_LINE;
    private final String piiDenseLine = BenchInputs.PII_DENSE_LINE;

    /** ~200 characters, nothing to mask: the common case, expected to return its input without allocating. */
    @Benchmark
    public @Nullable String cleanLine() {
        return masker.mask(cleanLine);
    }

    /** The same length with an email address and a NANP phone number to mask. */
    @Benchmark
    public @Nullable String piiLine() {
        return masker.mask(piiLine);
    }

    /** A 4 KB line of one long token: the cost per character must stay that of the clean line. */
    @Benchmark
    public @Nullable String longTokenLine() {
        return masker.mask(longTokenLine);
    }

    /** ~4 KB of clean English prose. */
    @Benchmark
    public @Nullable String proseText() {
        return masker.mask(proseText);
    }

    /** A clean ~1 KB JSON log line: keys, quotes, timestamps, hex ids and small numbers. */
    @Benchmark
    public @Nullable String jsonLine() {
        return masker.mask(jsonLine);
    }

    /** A clean ~4 KB line of amounts, timestamps, counts and ids: digits everywhere, none of them PII. */
    @Benchmark
    public @Nullable String numbersLine() {
        return masker.mask(numbersLine);
    }

    /** A ~4 KB line with a value to mask every ~40 chars, of every default type. */
    @Benchmark
    public @Nullable String piiDenseLine() {
        return masker.mask(piiDenseLine);
    }

    /**
     * Baseline for the per-character budgets: {@code String.indexOf} of a char the ~4 KB number line
     * does not hold, one pass over all of it, measured in the same run as the masker.
     */
    @Benchmark
    public int indexOfScan() {
        return numbersLine.indexOf('~');
    }

    /**
     * Baseline of {@code proseText}'s per-character budget: a plain {@code charAt} loop over the ~4 KB number
     * line (each char read, one add per char), the cheapest scan that reads every char as the masker does.
     */
    @Benchmark
    public int charLoop() {
        String s = numbersLine;
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            sum += s.charAt(i);
        }
        return sum;
    }
}
