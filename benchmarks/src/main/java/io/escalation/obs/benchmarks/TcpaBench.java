package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.tcpa.TcpaChannel;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.escalation.obs.tcpa.TcpaReason;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link TcpaMetrics} counting paths. {@code allowed} has three series (one per channel), visited
 * in an eight-step rotation; {@code blocked} rotates over eight (reason, channel) pairs and
 * increments two counters per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TcpaBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    private static final TcpaChannel[] CHANNELS = {
        TcpaChannel.PHONE, TcpaChannel.SMS, TcpaChannel.EMAIL, TcpaChannel.PHONE,
        TcpaChannel.SMS, TcpaChannel.EMAIL, TcpaChannel.PHONE, TcpaChannel.SMS,
    };
    private static final TcpaReason[] REASONS = {
        TcpaReason.TIME_RESTRICTION, TcpaReason.FREQUENCY_LIMIT, TcpaReason.OPT_OUT, TcpaReason.DO_NOT_CALL,
        TcpaReason.NO_CONSENT, TcpaReason.TIME_RESTRICTION, TcpaReason.FREQUENCY_LIMIT, TcpaReason.OPT_OUT,
    };

    private final Observability obs = FacadeBench.newObservability();
    private final TcpaMetrics tcpa = TcpaMetrics.create(obs);
    private int next;

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /** {@code tcpa_checks_total{result="allowed",channel}}: an array index by ordinal and one increment. */
    @Benchmark
    public void allowed() {
        tcpa.allowed(CHANNELS[next++ & MASK]);
    }

    /** {@code tcpa_checks_total{result="blocked"}} and {@code tcpa_violations_prevented_total{reason,channel}}. */
    @Benchmark
    public void blocked() {
        int i = next++ & MASK;
        tcpa.blocked(REASONS[i], CHANNELS[i]);
    }
}
