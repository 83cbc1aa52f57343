package io.escalation.obs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The counting paths allocate nothing: measured with the JVM's per-thread allocation counter. */
class SecurityZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static final SecurityResource[] RESOURCES = SecurityResource.values();
    private static final String[] ROUTES = {
        "/api/v1/campaigns", "/api/v1/customers/{id}", "/api/v1/payments", "/api/v1/tasks"
    };
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final SecurityMetrics security = SecurityMetrics.create(obs);

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
    void authCountersAndSessionsAllocateNothing() {
        assertThat(bytesPerCall(() -> {
                    security.loginSucceeded();
                    security.loginFailed();
                    security.tokenRefreshed();
                    security.sessionOpened();
                    security.sessionClosed();
                }))
                .isLessThan(1.0);
    }

    @Test
    void permissionDeniedAllocatesNothing() {
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                security.permissionDenied(RESOURCES[i++ % RESOURCES.length]);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void rateLimitHitByKnownRouteAllocatesNothing() {
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                security.rateLimitHit(ROUTES[i++ & 3]);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void preResolvedEndpointAllocatesNothing() {
        SecurityMetrics.Endpoint campaigns = security.endpoint(ROUTES[0]);
        assertThat(bytesPerCall(() -> {
                    campaigns.hit();
                    campaigns.violation();
                }))
                .isLessThan(1.0);
    }

    @Test
    void suspiciousActivityAndBlockedRequestsAllocateNothing() {
        assertThat(bytesPerCall(() -> {
                    security.suspiciousActivity(SuspiciousActivity.BRUTE_FORCE);
                    security.requestBlocked(BlockReason.MALICIOUS_INPUT);
                }))
                .isLessThan(1.0);
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
