package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Clean text is the hot path: it must come back as the same instance without allocating. */
class PiiMaskerAllocationTest {

    private static final String[] CLEAN = {
        "2026-01-09T12:34:56.789Z INFO [http-nio-8080-exec-3] c.e.orders.OrderService - Order ORD-2026-000123"
                + " for campaign campaign_42 processed in 35 ms after 2 retries (status=200, path=/api/v2/orders)",
        "The quick brown fox jumps over the lazy dog while the scheduler keeps running every task in the queue"
                + " until the worker pool drains and the service reports that everything completed without errors",
        "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 model=claude-3-5-sonnet-20241022"
                + " version 1.17.2 took 1767961496789 total $1,234.56 GET http://localhost:8080/x",
    };

    @Test
    void cleanLinesAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        PiiMasker masker = PiiMasker.defaults();
        for (String line : CLEAN) {
            assertThat(masker.mask(line)).isSameAs(line);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int k = 0; k < 10_000; k++) {
            for (String line : CLEAN) {
                masker.mask(line);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // 30,000 calls: anything allocated per call would add up to hundreds of kilobytes
        assertThat(allocated).isLessThan(4_096);
    }
}
