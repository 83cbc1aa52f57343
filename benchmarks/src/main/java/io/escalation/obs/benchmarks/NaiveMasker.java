package io.escalation.obs.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Contrast for {@link MaskerBench}: the masker people write first, five chained
 * {@link String#replaceAll} calls (each compiles its regex on every call), on the same lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NaiveMasker {

    static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
    static final String PHONE = "(?:\\+?1[-. ]?)?\\(?\\b\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}\\b";
    static final String SSN = "\\b\\d{3}-\\d{2}-\\d{4}\\b";
    static final String CARD = "\\b(?:\\d[ -]?){12,18}\\d\\b";
    static final String IPV4 = "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b";

    private final String cleanLine = BenchInputs.CLEAN_LINE;
    private final String piiLine = BenchInputs.PII_LINE;

    /** The line with email, phone, SSN, card number and IPv4 address replaced by placeholders. */
    static String mask(String s) {
        return s.replaceAll(EMAIL, "[EMAIL]")
                .replaceAll(PHONE, "[PHONE]")
                .replaceAll(SSN, "[SSN]")
                .replaceAll(CARD, "[CARD]")
                .replaceAll(IPV4, "[IP]");
    }

    /** The naive masker on {@link MaskerBench#cleanLine}'s input. */
    @Benchmark
    public String cleanLine() {
        return mask(cleanLine);
    }

    /** The naive masker on {@link MaskerBench#piiLine}'s input. */
    @Benchmark
    public String piiLine() {
        return mask(piiLine);
    }
}
