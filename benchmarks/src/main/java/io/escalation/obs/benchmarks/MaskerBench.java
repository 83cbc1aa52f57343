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
}
