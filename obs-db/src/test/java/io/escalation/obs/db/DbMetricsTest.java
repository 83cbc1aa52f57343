package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DbMetricsTest {

    private static final String LABELS = "environment=\"test\",query=\"select_customer\",service=\"test-service\"";
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TestObservability test = TestObservability.create();
    private final DbMetrics db = DbMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void queryIsExposedAsHistogramWithDatabaseBucketsAndCountedByStatus() {
        DbMetrics.Query query = db.query("select_customer");
        query.record(QueryStatus.SUCCESS, 3 * MS);
        query.record(QueryStatus.SUCCESS, 40 * MS);
        query.record(QueryStatus.ERROR, 700 * MS);

        assertThatScrape(test)
                .hasType("db_query_duration_seconds", "histogram")
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("db_query_duration_seconds_bucket{environment=\"test\",query=\"select_customer\","
                        + "service=\"test-service\",le=\"0.001\"} 0")
                .hasSample("db_query_duration_seconds_bucket", 1, "query", "select_customer", "le", "0.005")
                .hasSample("db_query_duration_seconds_bucket", 1, "query", "select_customer", "le", "0.01")
                .hasSample("db_query_duration_seconds_bucket", 2, "query", "select_customer", "le", "0.05")
                .hasSample("db_query_duration_seconds_bucket", 2, "query", "select_customer", "le", "0.1")
                .hasSample("db_query_duration_seconds_bucket", 2, "query", "select_customer", "le", "0.5")
                .hasSample("db_query_duration_seconds_bucket", 3, "query", "select_customer", "le", "1.0")
                .hasSample("db_query_duration_seconds_bucket", 3, "query", "select_customer", "le", "5.0")
                .hasSample("db_query_duration_seconds_bucket", 3, "query", "select_customer", "le", "10.0")
                .hasSample("db_query_duration_seconds_bucket", 3, "query", "select_customer", "le", "+Inf")
                .hasSample("db_query_duration_seconds_count", 3, "query", "select_customer")
                .hasSample("db_query_duration_seconds_sum", 0.743, "query", "select_customer")
                .hasType("db_queries_total", "counter")
                .hasSample("db_queries_total", 2, "query", "select_customer", "status", "success")
                .hasSample("db_queries_total", 1, "query", "select_customer", "status", "error")
                .hasSample("db_slow_queries_total", 0, "query", "select_customer")
                .hasSample("db_deadlocks_total", 0)
                .hasNoInstrumentationErrors();
        assertThat(test.scrape().lines().filter(l -> l.startsWith("db_query_duration_seconds_bucket{" + LABELS)))
                .hasSize(10);
    }

    @Test
    void slowQueriesAreCountedPastTheConfiguredThreshold() {
        try (TestObservability other = TestObservability.create()) { // one DbMetrics per Observability
            DbMetrics strict = DbMetrics.builder(other.obs())
                    .slowQueryThreshold(Duration.ofMillis(250))
                    .build();
            strict.record("insert_payment", QueryStatus.SUCCESS, 250 * MS); // not past it
            strict.record("insert_payment", QueryStatus.SUCCESS, 251 * MS);
            strict.record("insert_payment", QueryStatus.ERROR, 3_000 * MS);

            assertThatScrape(other).hasSample("db_slow_queries_total", 2, "query", "insert_payment");
        }
    }

    @Test
    void defaultSlowQueryThresholdIsOneSecond() {
        db.record("select_customer", QueryStatus.SUCCESS, 1_000 * MS);
        db.record("select_customer", QueryStatus.SUCCESS, 1_001 * MS);

        assertThatScrape(test).hasSample("db_slow_queries_total", 1, "query", "select_customer");
    }

    @Test
    void deadlockIsRecognisedFromSqlStateThroughTheCauseAndNextExceptionChains() {
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");
        assertThat(DbMetrics.isDeadlock(deadlock)).isTrue();
        assertThat(DbMetrics.isDeadlock(new IllegalStateException("repository", new RuntimeException(deadlock))))
                .isTrue();
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", (String) null, new int[0]);
        batch.setNextException(new SQLException("ERROR: deadlock detected", "40P01"));
        assertThat(DbMetrics.isDeadlock(batch)).isTrue();

        assertThat(DbMetrics.isDeadlock(new SQLException("could not serialize access", "40001")))
                .isFalse();
        assertThat(DbMetrics.isDeadlock(new SQLException("no state"))).isFalse();
        assertThat(DbMetrics.isDeadlock(new RuntimeException("deadlock detected")))
                .isFalse();
        assertThat(DbMetrics.isDeadlock(null)).isFalse();
    }

    @Test
    void deadlockWalkSurvivesCyclesAndThrowingAccessors() {
        SQLException a = new SQLException("a", "08006");
        SQLException b = new SQLException("b", "08006");
        a.setNextException(b);
        b.setNextException(a);
        assertThat(DbMetrics.isDeadlock(a)).isFalse();

        RuntimeException hostile = new RuntimeException("x") {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause for you");
            }
        };
        assertThat(DbMetrics.isDeadlock(hostile)).isFalse();
    }

    @Test
    void failureWithDeadlockCountsAnErrorAndADeadlock() {
        db.recordFailure("update_task", 20 * MS, new RuntimeException(new SQLException("deadlock", "40P01")));
        db.recordFailure("update_task", 20 * MS, new SQLException("unique violation", "23505"));
        db.deadlock();

        assertThatScrape(test)
                .hasSample("db_queries_total", 2, "query", "update_task", "status", "error")
                .hasSample("db_deadlocks_total", 2);
    }

    @Test
    void statementTextNeverBecomesALabel() {
        db.record("SELECT * FROM customers WHERE email = 'jane.doe@example.com'", QueryStatus.SUCCESS, MS);
        db.record("select id from payments where amount > 100", QueryStatus.SUCCESS, MS);
        db.record("get_customer\r\nX-Injected: 1", QueryStatus.SUCCESS, MS);

        assertThatScrape(test)
                .hasSample("db_queries_total", 3, "query", "redacted", "status", "success")
                .hasInstrumentationErrors("db_queries_total", "label_pii", 3)
                .hasNoPiiInLabels();
        assertThat(test.scrape())
                .doesNotContain("SELECT")
                .doesNotContain("where")
                .doesNotContain("X-Injected");
    }

    @Test
    void tenMegabyteQueryNameIsRedactedWithoutHarm() {
        db.record("q".repeat(10 * 1024 * 1024), QueryStatus.SUCCESS, MS);

        assertThatScrape(test).hasSample("db_queries_total", 1, "query", "redacted", "status", "success");
        assertThat(test.scrape().length()).isLessThan(20_000);
    }

    @Test
    void distinctQueryNamesBeyondTheCapFoldIntoOther() {
        try (TestObservability small = TestObservability.create(
                b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(50).build()))) {
            DbMetrics capped = DbMetrics.create(small.obs());
            for (int i = 0; i < 10_000; i++) {
                capped.record("query_" + i, QueryStatus.SUCCESS, MS);
            }

            assertThatScrape(small)
                    .hasSample("db_queries_total", 10_000 - 50, "query", "other", "status", "success")
                    .hasSample("obs_label_overflow_total", 10_000 - 50, "metric", "db_queries_total", "label", "query");
            assertThat(small.scrape()
                            .lines()
                            .filter(l -> l.startsWith("db_queries_total{") && l.contains("status=\"success\"")))
                    .hasSize(51);
        }
    }

    @Test
    void badDurationsAreDroppedOrClampedButTheQueryIsStillCounted() {
        db.record("select_customer", QueryStatus.SUCCESS, -5);
        db.record("select_customer", QueryStatus.SUCCESS, Long.MAX_VALUE);
        db.record("select_customer", null, MS);
        db.record(null, QueryStatus.ERROR, MS);

        assertThatScrape(test)
                .hasSample("db_queries_total", 2, "query", "select_customer", "status", "success")
                .hasSample("db_query_duration_seconds_count", 1, "query", "select_customer")
                .hasSample("db_query_duration_seconds_sum", 3600, "query", "select_customer")
                .hasSample("db_slow_queries_total", 1, "query", "select_customer")
                .hasSample("db_queries_total", 1, "query", "unknown", "status", "error")
                .hasInstrumentationErrors("db_query_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("db_query_duration_seconds", "value_too_large", 1)
                .hasInstrumentationErrors("db_queries_total", "null_value", 2);
    }

    @Test
    void callRunsInAClientSpanWithDatabaseAttributesAndRecordsSuccess() throws SQLException {
        DbMetrics.Query query = db.query("select_customer", "SELECT", "customers");

        String name = query.call(() -> "Jane");

        assertThat(name).isEqualTo("Jane");
        SpanData span = test.spans().get(0);
        assertThat(span.getName()).isEqualTo("SELECT customers");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.system.name")))
                .isEqualTo("postgresql");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .isEqualTo("SELECT");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.collection.name")))
                .isEqualTo("customers");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.query.text")))
                .isNull();
        assertThatScrape(test)
                .hasSample("db_queries_total", 1, "query", "select_customer", "status", "success")
                .hasSample("db_query_duration_seconds_count", 1, "query", "select_customer");
    }

    @Test
    void callRethrowsTheFailureAndMarksSpanAndMetrics() {
        DbMetrics.Query query = db.query("update_task", "UPDATE", "tasks");
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");

        assertThatThrownBy(() -> query.call(() -> {
                    throw deadlock;
                }))
                .isSameAs(deadlock);

        SpanData span = test.spans().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.response.status_code")))
                .isEqualTo("40P01");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("40P01");
        assertThatScrape(test)
                .hasSample("db_queries_total", 1, "query", "update_task", "status", "error")
                .hasSample("db_deadlocks_total", 1);
    }

    @Test
    void queryWithoutSpanDescriptionIsNamedAfterTheSystem() throws Exception {
        db.query("select_customer").call(() -> 1);

        assertThat(test.spans().get(0).getName()).isEqualTo("postgresql");
        assertThat(test.spans().get(0).getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .isNull();
    }

    @Test
    void statementTextAsSpanDescriptionFailsFastWithWhatToPass() {
        assertThatThrownBy(() -> db.query("select_customer", "SELECT * FROM customers WHERE id = 7", "customers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.operation.name")
                .hasMessageContaining("never statement text")
                .hasMessageContaining("\"SELECT\"");
        assertThatThrownBy(() -> db.query("select_customer", "SELECT", "customers c join payments p on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.collection.name");
    }

    @Test
    void misconfiguredSlowQueryThresholdFailsFast() {
        assertThatThrownBy(() -> DbMetrics.builder(test.obs())
                        .slowQueryThreshold(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowQueryThreshold must be between 1 ms and 1 h");
        assertThatThrownBy(() -> DbMetrics.builder(test.obs())
                        .slowQueryThreshold(Duration.ofDays(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
