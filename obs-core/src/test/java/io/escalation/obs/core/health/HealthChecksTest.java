package io.escalation.obs.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private Observability obs;
    private HealthChecks checks;

    @BeforeEach
    void setUp() {
        obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build();
        checks = HealthChecks.create(obs);
    }

    @AfterEach
    void tearDown() {
        checks.close();
        obs.close();
    }

    @Test
    void noChecksIsUp() {
        HealthReport report = checks.runAll();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.checks()).isEmpty();
        assertThat(report.toJson()).isEqualTo("{\"status\":\"UP\",\"checks\":{}}");
    }

    @Test
    void passingChecksAreUpInRegistrationOrder() {
        checks.register("redis", Duration.ofSeconds(1), () -> HealthResult.up("PONG"))
                .register("database", Duration.ofSeconds(1), HealthResult::up);

        HealthReport report = checks.runAll();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.checks()).extracting(HealthReport.CheckResult::name).containsExactly("redis", "database");
        assertThat(report.check("redis").orElseThrow().detail()).contains("PONG");
        assertThat(report.check("database").orElseThrow().detail()).isEmpty();
        assertThat(report.toJson())
                .matches("\\{\"status\":\"UP\",\"checks\":\\{"
                        + "\"redis\":\\{\"status\":\"UP\",\"durationMs\":\\d+,\"detail\":\"PONG\"},"
                        + "\"database\":\\{\"status\":\"UP\",\"durationMs\":\\d+}}}");
    }

    @Test
    void checkReturningDownMakesReportDown() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("redis", Duration.ofSeconds(1), () -> HealthResult.down("connection refused"));

        HealthReport report = checks.runAll();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.httpStatus()).isEqualTo(503);
        HealthReport.CheckResult redis = report.check("redis").orElseThrow();
        assertThat(redis.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(redis.detail()).contains("connection refused");
        assertThat(report.check("database").orElseThrow().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void throwingCheckIsDownWithMaskedMessage() {
        checks.register("database", Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("cannot reach db for jane.doe@example.com");
        });

        HealthReport report = checks.runAll();

        HealthReport.CheckResult database = report.check("database").orElseThrow();
        assertThat(database.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(database.detail())
                .hasValueSatisfying(detail -> assertThat(detail)
                        .startsWith("IllegalStateException: cannot reach db for ")
                        .doesNotContain("jane.doe")
                        .doesNotContain("example.com"));
        assertThat(report.toJson()).doesNotContain("jane.doe");
    }

    @Test
    void downDetailsAreMaskedToo() {
        checks.register(
                "twilio", Duration.ofSeconds(1), () -> HealthResult.down("account jane.doe@example.com suspended"));

        assertThat(checks.runAll().check("twilio").orElseThrow().detail())
                .hasValueSatisfying(detail -> assertThat(detail).doesNotContain("jane.doe@example.com"));
    }

    @Test
    void exceptionWithoutMessageReportsItsType() {
        checks.register("qdrant", Duration.ofSeconds(1), () -> {
            throw new IOException();
        });

        assertThat(checks.runAll().check("qdrant").orElseThrow().detail()).contains("IOException");
    }

    @Test
    void nullResultIsDown() {
        checks.register("qdrant", Duration.ofSeconds(1), () -> null);

        HealthReport.CheckResult qdrant = checks.runAll().check("qdrant").orElseThrow();
        assertThat(qdrant.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(qdrant.detail()).contains("check returned null");
    }

    @Test
    void hangingCheckTimesOutAndIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        checks.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("redis", Duration.ofMillis(300), () -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return HealthResult.up();
                });

        long start = System.nanoTime();
        HealthReport report = checks.runAll();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMs).isBetween(250L, 2_000L);
        HealthReport.CheckResult redis = report.check("redis").orElseThrow();
        assertThat(redis.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(redis.detail()).contains("timed out after 300ms");
        assertThat(redis.duration()).isEqualTo(Duration.ofMillis(300));
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.toJson())
                .contains("\"redis\":{\"status\":\"DOWN\",\"durationMs\":300,\"detail\":\"timed out after 300ms\"}");
        assertThat(interrupted.await(5, TimeUnit.SECONDS))
                .as("hanging check interrupted")
                .isTrue();
    }

    @Test
    void checkIgnoringInterruptIsNotStartedAgainUntilItReturns() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        checks.register("openai", Duration.ofMillis(100), () -> {
            calls.incrementAndGet();
            while (true) {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) {
                        return HealthResult.up();
                    }
                } catch (InterruptedException ignored) {
                    // a badly behaved client library: keeps waiting
                }
            }
        });

        HealthReport first = checks.runAll();
        HealthReport second = checks.runAll();

        assertThat(first.check("openai").orElseThrow().detail()).contains("timed out after 100ms");
        assertThat(second.check("openai").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(second.check("openai").orElseThrow().detail())
                .hasValueSatisfying(detail ->
                        assertThat(detail).startsWith("timed out after 100ms").contains("has not returned"));
        assertThat(calls).hasValue(1);

        release.countDown();
        HealthReport third = awaitReport(report -> report.isUp());
        assertThat(third.check("openai").orElseThrow().status()).isEqualTo(HealthStatus.UP);
        assertThat(calls).hasValue(2);
    }

    @Test
    void concurrentRunsShareOneExecution() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        checks.register("database", Duration.ofSeconds(5), () -> {
            calls.incrementAndGet();
            started.countDown();
            release.await();
            return HealthResult.up();
        });

        HealthReport[] reports = new HealthReport[2];
        Thread first = new Thread(() -> reports[0] = checks.runAll());
        Thread second = new Thread(() -> reports[1] = checks.runAll());
        first.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5); // the second caller waits on the run already in flight
        }
        release.countDown();
        first.join(5_000);
        second.join(5_000);

        assertThat(reports[0].isUp()).isTrue();
        assertThat(reports[1].isUp()).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void nonCriticalFailureKeepsOverallUp() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("openai", Duration.ofSeconds(1), false, () -> HealthResult.down("HTTP 500"));

        HealthReport report = checks.runAll();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.httpStatus()).isEqualTo(200);
        HealthReport.CheckResult openai = report.check("openai").orElseThrow();
        assertThat(openai.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(openai.critical()).isFalse();
        assertThat(report.toJson())
                .contains("\"openai\":{\"status\":\"DOWN\",\"durationMs\":")
                .contains(",\"critical\":false,\"detail\":\"HTTP 500\"}");
        assertThat(obs.prometheusText())
                .contains("health_check_status{check=\"openai\",environment=\"test\",service=\"svc\"} 0.0\n");
    }

    @Test
    void runEveryKeepsTheGaugesCurrentWithoutAnyoneAskingForHealth() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        checks.register(
                "database",
                Duration.ofSeconds(1),
                () -> runs.incrementAndGet() == 1 ? HealthResult.up() : HealthResult.down("lost the pool"));
        String status = "health_check_status{check=\"database\",environment=\"test\",service=\"svc\"} ";
        assertThat(obs.prometheusText()).contains(status + "NaN\n"); // not run yet

        checks.runEvery(Duration.ofSeconds(1));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!obs.prometheusText().contains(status + "0.0\n") && System.nanoTime() < deadline) {
            Thread.sleep(20); // the first run passes, the second (a second later) fails
        }

        assertThat(runs.get()).isGreaterThanOrEqualTo(2);
        assertThat(obs.prometheusText()).contains(status + "0.0\n");
        assertThatThrownBy(() -> checks.runEvery(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call runEvery once");
        checks.close();
        int after = runs.get();
        Thread.sleep(1_200);
        assertThat(runs.get()).as("no run after close()").isEqualTo(after);
    }

    @Test
    void runRunsOnlyTheNamedChecksAndReportsOnThemAlone() {
        AtomicInteger replicaRuns = new AtomicInteger();
        checks.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("replica", Duration.ofSeconds(1), () -> {
                    replicaRuns.incrementAndGet();
                    return HealthResult.down("lagging");
                });

        HealthReport report = checks.run(name -> !name.equals("replica"));

        assertThat(replicaRuns).as("a check left out is not run").hasValue(0);
        assertThat(report.checks()).extracting(HealthReport.CheckResult::name).containsExactly("database");
        assertThat(report.status()).as("the critical DOWN check was not run").isEqualTo(HealthStatus.UP);
        assertThat(obs.prometheusText())
                .contains("health_check_status{check=\"database\",environment=\"test\",service=\"svc\"} 1.0\n")
                .contains("health_check_status{check=\"replica\",environment=\"test\",service=\"svc\"} NaN\n");

        assertThat(checks.run("replica"::equals).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(replicaRuns).hasValue(1);
        assertThat(obs.prometheusText())
                .contains("health_check_status{check=\"replica\",environment=\"test\",service=\"svc\"} 0.0\n");
    }

    @Test
    void runNeverLeavesACheckOutByMistakeAndCountsTheFault() {
        AtomicInteger runs = new AtomicInteger();
        checks.register("database", Duration.ofSeconds(1), () -> {
            runs.incrementAndGet();
            return HealthResult.down("pool exhausted");
        });
        String faults = "obs_instrumentation_errors_total{environment=\"test\",metric=\"health_check_status\","
                + "reason=\"%s\",service=\"svc\"} %s\n";

        HealthReport all = checks.run(null);
        HealthReport thrown = checks.run(name -> {
            throw new IllegalStateException("filter bug");
        });

        assertThat(runs).as("both ran the check").hasValue(2);
        assertThat(all.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(thrown.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(obs.prometheusText())
                .contains(String.format(faults, "null_value", "1.0"))
                .contains(String.format(faults, "recording_failed", "1.0"));
    }

    @Test
    void runEveryRefusesAPeriodBelowOneSecond() {
        assertThatThrownBy(() -> checks.runEvery(Duration.ofMillis(200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be at least 1s: pass e.g. Duration.ofSeconds(15)");
    }

    @Test
    void recordsStatusGaugeAndDurationTimer() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("redis", Duration.ofSeconds(1), () -> HealthResult.down("down"));

        checks.runAll();
        String scrape = obs.prometheusText();

        assertThat(scrape)
                .contains("health_check_status{check=\"database\",environment=\"test\",service=\"svc\"} 1.0\n")
                .contains("health_check_status{check=\"redis\",environment=\"test\",service=\"svc\"} 0.0\n")
                .contains(
                        "health_check_duration_seconds_count{check=\"database\",environment=\"test\",service=\"svc\"} 1\n")
                .contains("health_check_duration_seconds_bucket{check=\"database\",environment=\"test\","
                        + "service=\"svc\",le=\"0.005\"} ")
                .contains("health_check_duration_seconds_bucket{check=\"database\",environment=\"test\","
                        + "service=\"svc\",le=\"10.0\"} 1\n")
                .contains("# HELP health_check_status 1 when the named health check last passed");
    }

    @Test
    void statusGaugeIsNaNBeforeTheFirstRun() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up);

        assertThat(obs.prometheusText())
                .contains("health_check_status{check=\"database\",environment=\"test\",service=\"svc\"} NaN\n");
    }

    @Test
    void rejectsInvalidNames() {
        for (String name : new String[] {"Database", "1db", "", "db-main", "a".repeat(64)}) {
            assertThatThrownBy(() -> checks.register(name, Duration.ofSeconds(1), HealthResult::up))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + name + "'")
                    .hasMessageContaining("lower-case letters, digits and '_', starting with a letter");
        }
    }

    @Test
    void rejectsDuplicateNames() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up);

        assertThatThrownBy(() -> checks.register("database", Duration.ofSeconds(2), HealthResult::up))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'database' is already registered");
    }

    @Test
    void rejectsInvalidTimeouts() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(61)}) {
            assertThatThrownBy(() -> checks.register("database", timeout, HealthResult::up))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout " + timeout)
                    .hasMessageContaining("at most 60s");
        }
        checks.register("database", Duration.ofSeconds(60), HealthResult::up);
    }

    @Test
    void rejectsTimeoutsTooLargeForNanosecondsWithAClearMessage() {
        for (Duration timeout : new Duration[] {
            Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE), Duration.ofDays(365_000_000L)
        }) {
            assertThatThrownBy(() -> checks.register("database", timeout, HealthResult::up))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout")
                    .hasMessageContaining("at most 60s");
        }
    }

    @Test
    void rejectsPeriodsOutOfRangeWithAClearMessage() {
        for (Duration period :
                new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE)}) {
            assertThatThrownBy(() -> checks.runEvery(period))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("health check period " + period)
                    .hasMessageContaining("pass e.g. Duration.ofSeconds(15)");
        }
    }

    @Test
    void percentEncodedPiiInADetailIsMasked() {
        checks.register(
                        "crm",
                        Duration.ofSeconds(1),
                        () -> HealthResult.down("no customer /customers/jane%40example.com"))
                .register("sms", Duration.ofSeconds(1), () -> {
                    throw new IllegalStateException("send to %2B14155550123 failed");
                });

        HealthReport report = checks.runAll();

        assertThat(report.check("crm").orElseThrow().detail().orElseThrow())
                .startsWith("no customer /customers/")
                .doesNotContain("jane")
                .doesNotContain("example.com");
        assertThat(report.check("sms").orElseThrow().detail().orElseThrow())
                .startsWith("IllegalStateException: send to ")
                .doesNotContain("4155550123");
        assertThat(report.toJson()).doesNotContain("jane").doesNotContain("4155550123");
    }

    @Test
    void closedChecksRefuseRegistrationAndReportDown() {
        checks.register("database", Duration.ofSeconds(1), HealthResult::up);
        checks.close();

        assertThat(checks.runAll().check("database").orElseThrow().detail())
                .contains("not run: HealthChecks is closed");
        assertThatThrownBy(() -> checks.register("redis", Duration.ofSeconds(1), HealthResult::up))
                .isInstanceOf(IllegalStateException.class);
    }

    private HealthReport awaitReport(Predicate<HealthReport> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HealthReport report = checks.runAll();
        while (!condition.test(report) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            report = checks.runAll();
        }
        return report;
    }
}
