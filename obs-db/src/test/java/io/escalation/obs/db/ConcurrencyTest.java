package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;

import io.escalation.obs.test.TestObservability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several threads record at once, admitting new query names while others record: nothing is lost. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 20_000;
    private static final int NAMES = 16;

    @Test
    void knownTotalsSurviveConcurrentRecording() throws Exception {
        try (TestObservability test = TestObservability.create()) {
            DbMetrics db = DbMetrics.create(test.obs());
            RedisMetrics redis = RedisMetrics.create(test.obs());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        db.record(
                                "query_" + (i % NAMES),
                                ((i / NAMES) & 1) == 0 ? QueryStatus.SUCCESS : QueryStatus.ERROR,
                                1_000_000L);
                        redis.record((i & 1) == 0 ? "GET" : "set", 100_000L);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            int perNameAndStatus = THREADS * CALLS / NAMES / 2;
            for (int n = 0; n < NAMES; n++) {
                assertThatScrape(test)
                        .hasSample("db_queries_total", perNameAndStatus, "query", "query_" + n, "status", "success")
                        .hasSample("db_queries_total", perNameAndStatus, "query", "query_" + n, "status", "error")
                        .hasSample("db_query_duration_seconds_count", 2 * perNameAndStatus, "query", "query_" + n);
            }
            assertThatScrape(test)
                    .hasSample("redis_commands_total", THREADS * CALLS / 2, "command", "GET")
                    .hasSample("redis_commands_total", THREADS * CALLS / 2, "command", "SET")
                    .hasSample("redis_command_duration_seconds_count", THREADS * CALLS / 2, "command", "SET")
                    .hasNoInstrumentationErrors();
        }
    }
}
