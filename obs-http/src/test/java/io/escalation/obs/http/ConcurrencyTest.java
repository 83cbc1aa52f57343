package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several threads registering and recording the same series at once lose nothing. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 20_000;

    @Test
    void concurrentRecordsAddUp() throws Exception {
        try (TestObservability test = TestObservability.create()) {
            HttpMetrics http = HttpMetrics.builder(test.obs()).peers("openai").build();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < CALLS; i++) {
                        // first calls race to register the same series
                        http.record("GET", "/api/v1/campaigns/{id}", i % 2 == 0 ? 200 : 500, 1_000_000);
                        ServerExchange exchange = http.start("POST", "/api/v1/tasks");
                        exchange.end(201);
                        http.peer("openai").record(HttpMethod.POST, 200, 1_000_000);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            int half = THREADS * CALLS / 2;
            assertThatScrape(test)
                    .hasSample("http_requests_total", half, "endpoint", "/api/v1/campaigns/{id}", "status", "200")
                    .hasSample("http_requests_total", half, "endpoint", "/api/v1/campaigns/{id}", "status", "500")
                    .hasSample("http_errors_total", half, "endpoint", "/api/v1/campaigns/{id}", "status", "500")
                    .hasSample(
                            "http_request_duration_seconds_count",
                            THREADS * CALLS,
                            "endpoint",
                            "/api/v1/campaigns/{id}",
                            "method",
                            "GET")
                    .hasSample("http_requests_total", THREADS * CALLS, "endpoint", "/api/v1/tasks", "status", "201")
                    .hasSample("http_client_requests_total", THREADS * CALLS, "peer", "openai", "status", "200")
                    .hasSample("http_requests_in_flight", 0)
                    .hasNoInstrumentationErrors();
            assertThat(test.spans()).hasSize(THREADS * CALLS);
        }
    }
}
