package io.escalation.obs.tcpa;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.test.MutableClock;
import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpaMetricsTest {

    private static final OptOutDeadlines NEW_YORK = OptOutDeadlines.of(ZoneId.of("America/New_York"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-16T16:00:00Z")); // Mon 12:00 EDT
    private final TestObservability test = TestObservability.create(b -> b.clock(clock));
    private final TcpaMetrics tcpa = TcpaMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void countsChecksViolationsOptOutsAndFrequencyHits() {
        tcpa.allowed(TcpaChannel.PHONE);
        tcpa.allowed(TcpaChannel.PHONE);
        tcpa.allowed(TcpaChannel.SMS);
        tcpa.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE);
        tcpa.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE);
        tcpa.blocked(TcpaReason.OPT_OUT, TcpaChannel.SMS);
        tcpa.optOut(TcpaChannel.EMAIL);
        tcpa.frequencyLimitReached();

        assertThatScrape(test)
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("tcpa_checks_total{channel=\"phone\",environment=\"test\",result=\"allowed\","
                        + "service=\"test-service\"} 2.0")
                .hasSample("tcpa_checks_total", 2, "channel", "phone", "result", "blocked")
                .hasSample("tcpa_checks_total", 1, "channel", "sms", "result", "allowed")
                .hasSample("tcpa_checks_total", 1, "channel", "sms", "result", "blocked")
                .hasSample("tcpa_violations_prevented_total", 2, "channel", "phone", "reason", "time_restriction")
                .hasSample("tcpa_violations_prevented_total", 1, "channel", "sms", "reason", "opt_out")
                .hasSample("tcpa_opt_outs_total", 1, "channel", "email")
                .hasSample("tcpa_frequency_limit_hits_total", 1)
                .hasType("tcpa_checks_total", "counter")
                .hasNoInstrumentationErrors()
                .hasNoPiiInLabels();
    }

    @Test
    void everySeriesExistsFromTheStartAtZero() {
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 0, "result", "blocked", "channel", "email")
                .hasSample("tcpa_violations_prevented_total", 0, "reason", "no_consent", "channel", "email")
                .hasSample("tcpa_violations_prevented_total", 0, "reason", "do_not_call", "channel", "phone")
                .hasSample("tcpa_violations_prevented_total", 0, "reason", "frequency_limit", "channel", "sms")
                .hasSample("tcpa_opt_outs_total", 0, "channel", "sms")
                .hasSample("tcpa_opt_out_requests_pending", 0)
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 0)
                .hasSample("tcpa_opt_out_requests_overdue", 0)
                .hasSample("tcpa_opt_out_requests_due_soon", 0);
    }

    @Test
    void nullsAreCountedAsFaultsAndKeepWhatIsKnown() {
        tcpa.allowed(null);
        tcpa.blocked(TcpaReason.NO_CONSENT, null);
        tcpa.blocked(null, TcpaChannel.PHONE); // still a blocked check
        tcpa.optOut(null);
        tcpa.optOutBacklog(null, NEW_YORK);

        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 1, "result", "blocked", "channel", "phone")
                .hasSample("tcpa_checks_total", 0, "result", "allowed", "channel", "phone")
                .hasInstrumentationErrors("tcpa_checks_total", "null_value", 2)
                .hasInstrumentationErrors("tcpa_violations_prevented_total", "null_value", 1)
                .hasInstrumentationErrors("tcpa_opt_outs_total", "null_value", 1)
                .hasInstrumentationErrors("tcpa_opt_out_requests_pending", "null_value", 1);
    }

    @Test
    void backlogGaugesFollowTheClockBetweenReports() {
        tcpa.optOutBacklog(
                Arrays.asList(
                        Instant.parse(
                                "2026-02-26T15:00:00Z"), // Thu: last day Thu Mar 12, overdue since Mar 13 00:00 EDT
                        Instant.parse(
                                "2026-03-02T15:00:00Z"), // Mon: last day Mon Mar 16 (today), due soon since Mar 12
                        Instant.parse("2026-03-13T14:00:00Z"), // Fri: due soon only from Wed Mar 25
                        null),
                NEW_YORK);

        assertThatScrape(test)
                .hasSample("tcpa_opt_out_requests_pending", 3)
                .hasSample("tcpa_opt_out_requests_overdue", 1)
                .hasSample("tcpa_opt_out_requests_due_soon", 1)
                // 18 days and 1 hour after Feb 26 15:00Z
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 1558800)
                .hasType("tcpa_opt_out_oldest_pending_age_seconds", "gauge")
                .hasInstrumentationErrors("tcpa_opt_out_requests_pending", "null_value", 1);

        clock.set(Instant.parse("2026-03-17T04:00:00Z")); // midnight EDT after Mar 16: the Monday request is late

        assertThatScrape(test)
                .hasSample("tcpa_opt_out_requests_overdue", 2)
                .hasSample("tcpa_opt_out_requests_due_soon", 0)
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 1_558_800 + 12 * 3600);

        tcpa.optOutBacklog(List.of(), NEW_YORK);

        assertThatScrape(test)
                .hasSample("tcpa_opt_out_requests_pending", 0)
                .hasSample("tcpa_opt_out_requests_overdue", 0)
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 0);
    }

    @Test
    void aRequestReceivedInTheFutureHasNoNegativeAge() {
        tcpa.optOutBacklog(List.of(clock.instant().plus(Duration.ofMinutes(5))), NEW_YORK);
        assertThatScrape(test)
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 0)
                .hasSample("tcpa_opt_out_requests_pending", 1);
    }

    @Test
    void facadesOnOneRegistryShareTheBacklog() {
        TcpaMetrics second = TcpaMetrics.create(test.obs());
        second.optOutBacklog(List.of(clock.instant().minusSeconds(60)), NEW_YORK);
        assertThatScrape(test)
                .hasSample("tcpa_opt_out_requests_pending", 1)
                .hasSample("tcpa_opt_out_oldest_pending_age_seconds", 60);
    }

    @Test
    void concurrentCallsLoseNothing() throws Exception {
        int threads = 8;
        int calls = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            TcpaChannel channel = TcpaChannel.values()[t % 3];
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < calls; i++) {
                    tcpa.allowed(channel);
                    tcpa.blocked(TcpaReason.FREQUENCY_LIMIT, channel);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // threads 0,3,6 phone; 1,4,7 sms; 2,5 email
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 30_000, "result", "allowed", "channel", "phone")
                .hasSample("tcpa_checks_total", 30_000, "result", "blocked", "channel", "sms")
                .hasSample("tcpa_checks_total", 20_000, "result", "allowed", "channel", "email")
                .hasSample("tcpa_violations_prevented_total", 20_000, "reason", "frequency_limit", "channel", "email");
    }

    @Test
    void prometheusNames() {
        assertThat(new TcpaCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly(
                        "tcpa_checks_total",
                        "tcpa_violations_prevented_total",
                        "tcpa_opt_outs_total",
                        "tcpa_opt_out_requests_pending",
                        "tcpa_opt_out_oldest_pending_age_seconds",
                        "tcpa_opt_out_requests_overdue",
                        "tcpa_opt_out_requests_due_soon",
                        "tcpa_frequency_limit_hits_total",
                        "tcpa_audit_events_total");
    }
}
