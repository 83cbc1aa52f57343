package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facade hot paths allocate nothing, in every build: measured with the JVM's per-thread
 * allocation counter over many calls, so one-off allocations cannot hide a per-call one.
 */
class ZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();

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
    void appErrorsRecordOfKnownTypeAllocatesNothing() {
        AppErrors errors = AppErrors.create(obs);
        String[] types = {"DatabaseError", "TimeoutError", "ValidationError", "RateLimitError"};
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                errors.record(types[i++ & 3], ErrorSeverity.ERROR);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void preResolvedErrorTypeAllocatesNothing() {
        AppErrors.OfType timeouts = AppErrors.create(obs).ofType("LlmTimeoutError");
        assertThat(bytesPerCall(() -> timeouts.record(ErrorSeverity.WARNING))).isLessThan(1.0);
    }

    @Test
    void repeatedFaultsAllocateNothing() {
        Faults faults = ModuleKit.of(obs).faults();
        assertThat(bytesPerCall(() -> faults.rejectsCount(CoreCatalogue.APP_ERRORS, -1)))
                .isLessThan(1.0);
    }

    @Test
    void guardedLabelResolveOfKnownValueAllocatesNothing() {
        GuardedLabel<Counter> label = ModuleKit.of(obs)
                .labels()
                .guard(
                        CoreCatalogue.APP_ERRORS,
                        CoreCatalogue.ERROR_TYPE,
                        v -> Counter.builder("demo.calls").tag("type", v).register(obs.registry()));
        String[] values = {"gpt-4o", "claude-sonnet-4", "gpt-4o-mini", "text-embedding-3-small"};
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                label.resolve(values[i++ & 3]).increment();
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void acceptedValuesPassTheFaultChecksWithoutAllocating() {
        Faults faults = ModuleKit.of(obs).faults();
        Runnable call = new Runnable() {
            long i;

            @Override
            public void run() {
                if (faults.rejectsCount(CoreCatalogue.APP_ERRORS, i++)
                        || faults.rejectsAmount(CoreCatalogue.APP_ERRORS, 1.5)) {
                    throw new AssertionError("valid input rejected");
                }
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
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
