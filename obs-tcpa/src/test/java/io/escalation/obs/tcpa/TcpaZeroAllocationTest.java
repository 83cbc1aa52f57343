package io.escalation.obs.tcpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The counting paths allocate nothing: measured with the JVM's per-thread allocation counter. */
class TcpaZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static final TcpaChannel[] CHANNELS = TcpaChannel.values();
    private static final TcpaReason[] REASONS = TcpaReason.values();
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final TcpaMetrics tcpa = TcpaMetrics.create(obs);

    @BeforeAll
    static void allocationCounterIsAvailable() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void allowedAllocatesNothing() {
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                tcpa.allowed(CHANNELS[i++ % 3]);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void blockedAllocatesNothing() {
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                tcpa.blocked(REASONS[n % 5], CHANNELS[n % 3]);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void optOutAndFrequencyLimitAllocateNothing() {
        assertThat(bytesPerCall(() -> {
                    tcpa.optOut(TcpaChannel.SMS);
                    tcpa.frequencyLimitReached();
                }))
                .isLessThan(1.0);
    }

    @Test
    void repeatedNullFaultsAllocateNothing() {
        assertThat(bytesPerCall(() -> tcpa.allowed(null))).isLessThan(1.0);
    }

    private static double bytesPerCall(Runnable call) {
        for (int i = 0; i < CALLS; i++) { // warm-up: class loading, lazy registration, JIT
            call.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long after = threads.getThreadAllocatedBytes(threadId);
        return (double) (after - before) / CALLS;
    }
}
