package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableSizesTest {

    private final TestObservability test = TestObservability.create();
    private final DbMetrics db = DbMetrics.create(test.obs());
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicReference<Map<String, Long>> answer = new AtomicReference<>(Map.of());

    @AfterEach
    void close() {
        test.close();
    }

    private Map<String, Long> query() {
        polls.incrementAndGet();
        Map<String, Long> sizes = answer.get();
        if (sizes == null) {
            throw new IllegalStateException("connection refused");
        }
        return sizes;
    }

    @Test
    void firstPollRunsRightAwayAndRefreshPublishesNewSizes() throws Exception {
        answer.set(Map.of("customers", 1_048_576L, "payments", 65_536L));
        try (TableSizes sizes = db.tableSizes(this::query, Duration.ofHours(1))) {
            waitForFirstPoll(sizes);
            assertThatScrape(test)
                    .hasType("db_table_size_bytes", "gauge")
                    .hasSample("db_table_size_bytes", 1048576, "table", "customers")
                    .hasSample("db_table_size_bytes", 65_536, "table", "payments");

            answer.set(Map.of("customers", 2_097_152L));
            sizes.refresh();

            assertThatScrape(test)
                    .hasSample("db_table_size_bytes", 2_097_152, "table", "customers")
                    .hasSample("db_table_size_bytes", Double.NaN, "table", "payments")
                    .hasNoInstrumentationErrors();
        }
    }

    @Test
    void failedPollKeepsTheLastValuesAndIsCounted() throws Exception {
        answer.set(Map.of("customers", 4_096L));
        try (TableSizes sizes = db.tableSizes(this::query, Duration.ofHours(1))) {
            waitForFirstPoll(sizes);
            answer.set(null);
            sizes.refresh();

            assertThatScrape(test)
                    .hasSample("db_table_size_bytes", 4_096, "table", "customers")
                    .hasInstrumentationErrors("db_table_size_bytes", "recording_failed", 1);
        }
    }

    @Test
    void badEntriesAreSkippedAndHostileNamesRedacted() throws Exception {
        Map<String, Long> hostile = new LinkedHashMap<>();
        hostile.put("customers", -1L);
        hostile.put("payments", null);
        hostile.put("select * from customers where email='jane.doe@example.com'", 10L);
        hostile.put("tasks", 8_192L);
        HashMap<String, Long> copy = new HashMap<>(hostile);
        answer.set(copy);
        try (TableSizes sizes = db.tableSizes(this::query, Duration.ofHours(1))) {
            waitForFirstPoll(sizes);
            assertThatScrape(test)
                    .hasSample("db_table_size_bytes", 8_192, "table", "tasks")
                    .hasSample("db_table_size_bytes", 10, "table", "redacted")
                    .hasNoSample("db_table_size_bytes", "table", "customers")
                    .hasInstrumentationErrors("db_table_size_bytes", "negative_value", 1)
                    .hasInstrumentationErrors("db_table_size_bytes", "null_value", 1)
                    .hasInstrumentationErrors("db_table_size_bytes", "label_pii", 1)
                    .hasNoPiiInLabels();
        }
    }

    @Test
    void closeStopsPolling() throws Exception {
        TableSizes sizes = db.tableSizes(this::query, Duration.ofSeconds(1));
        waitForFirstPoll(sizes);
        sizes.close();
        int after = polls.get();
        Thread.sleep(1_500);
        assertThat(polls.get()).isEqualTo(after);
    }

    @Test
    void tooShortAPeriodFailsFast() {
        assertThatThrownBy(() -> db.tableSizes(this::query, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 s");
    }

    private void waitForFirstPoll(TableSizes sizes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (polls.get() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no poll within 10 s");
            }
            Thread.sleep(5);
        }
        synchronized (sizes) { // refresh() holds this lock: the first poll has finished publishing
            assertThat(polls.get()).isPositive();
        }
    }
}
