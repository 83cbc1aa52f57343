package io.escalation.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recording paths allocate nothing once their series exist, measured with the JVM's per-thread
 * allocation counter over many calls.
 */
class ZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static final String[] ROUTES = {
        "/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/tasks/{id}", "/api/v1/payments",
    };
    private static final int[] STATUSES = {200, 201, 404, 503};
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final HttpMetrics http = HttpMetrics.builder(obs).peers("twilio").build();

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
    void preResolvedRouteRecordAllocatesNothing() {
        Route[] routes = new Route[ROUTES.length];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = http.route(ROUTES[i]);
        }
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                routes[n & 3].record(HttpMethod.GET, STATUSES[(n >>> 2) & 3], 1_000_000L + n);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void recordByMethodNameAndRouteTemplateAllocatesNothing() {
        String[] methods = {"GET", "POST", "PUT", "DELETE"};
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                http.record(methods[n & 3], ROUTES[(n >>> 2) & 3], STATUSES[(n >>> 4) & 3], 2_000_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void unmatchedAndNotFoundAllocateNothing() {
        Router router = http.router(ROUTES);
        String[] paths = {"/api/v1/campaigns/8812", "/wp-admin/login.php", "/api/v1/tasks/77", "/favicon.ico"};
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                router.match(paths[n & 3]).record(HttpMethod.of("GET"), (n & 1) == 0 ? 404 : 200, 500_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void peerRecordAllocatesNothing() {
        Peer twilio = http.peer("twilio");
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                twilio.record(HttpMethod.POST, STATUSES[n & 3], 30_000_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void recordIntoAFoldedSeriesPastTheMeterCapAllocatesNothing() {
        try (Observability capped = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .labelPolicy(LabelPolicy.builder().maxSeriesPerMeter(100).build())
                .build()) {
            HttpMetrics small = HttpMetrics.create(capped);
            Route filler = small.route("/api/v1/campaigns/{id}");
            for (HttpMethod method : HttpMethod.values()) {
                for (int status = 100; status < 600; status++) {
                    filler.record(method, status, 1_000L); // fills the budget
                }
            }
            Route route = small.route("/api/v1/tasks/{id}");
            Runnable call = new Runnable() {
                int i;

                @Override
                public void run() {
                    int n = i++;
                    route.record(HttpMethod.POST, 400 + (n & 63), 1_000_000L);
                }
            };
            assertThat(bytesPerCall(call)).isLessThan(1.0);
            assertThat(capped.prometheusText())
                    .contains("http_requests_total{endpoint=\"other\",environment=\"test\","
                            + "method=\"_OTHER\",service=\"svc\",status=\"4xx\"} ");
        }
    }

    @Test
    void anAccessLogLineWhoseLevelIsDisabledOrThatIsNotSampledAllocatesNothing() {
        // slf4j-simple logs at INFO in these tests: DEBUG is disabled, INFO is enabled
        AccessLog disabled = new AccessLog(org.slf4j.event.Level.DEBUG, org.slf4j.event.Level.DEBUG, 1.0);
        AccessLog off = new AccessLog(null, null, 1.0);
        AccessLog unsampled = new AccessLog(org.slf4j.event.Level.INFO, org.slf4j.event.Level.WARN, 0.0);
        io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.getInvalid();
        RuntimeException error = new RuntimeException("handler failed");
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                int n = i++;
                String route = ROUTES[n & 3];
                disabled.log(HttpMethod.GET, route, STATUSES[(n >>> 2) & 3], 1_000_000L + n, null, "req-1", span);
                disabled.log(HttpMethod.POST, route, 500, 1_000_000L + n, error, "req-1", span);
                off.log(HttpMethod.GET, route, 503, 1_000_000L + n, error, "req-1", span);
                unsampled.log(HttpMethod.GET, route, 200 + (n & 7), 1_000_000L + n, null, "req-1", span);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    private static double bytesPerCall(Runnable call) {
        for (int i = 0; i < CALLS; i++) { // warm-up: registration, JIT
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
