package io.escalation.obs.tcpa;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.escalation.obs.core.audit.AuditJson;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.test.MutableClock;
import io.escalation.obs.test.TestObservability;
import io.escalation.obs.test.logback.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compliance audit events through the sink and the real logback audit logger, field by field. */
class ComplianceAuditTest {

    static final byte[] KEY = "k3y-for-tests-only-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** HMAC-SHA256(KEY, "consumer\0C-1001"), computed with openssl dgst -sha256 -mac HMAC. */
    static final String C1001 = "89a1d30a73cfc6c5206a00be48db5a80fda1de96ab6b877be392c1cfb5379521";
    /** HMAC-SHA256(KEY, "consumer\0C-2002"). */
    static final String C2002 = "697be3147b08d278bf6396cebaf2607f688f4370e04e0c8f4ab701170b190213";

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-08T12:00:00Z"));
    private final TestObservability test = TestObservability.create(b -> b.clock(clock));
    private final TcpaMetrics tcpa = TcpaMetrics.create(test.obs());
    private final List<ComplianceAuditEvent> stored = Collections.synchronizedList(new ArrayList<>());
    private final LogCapture log = LogCapture.attach(ComplianceAudit.LOGGER);
    private final ComplianceAudit audit =
            ComplianceAudit.builder(tcpa).consumerIdKey(KEY).sink(stored::add).build();

    @AfterEach
    void close() {
        log.close();
        test.close();
    }

    @Test
    void aBlockedCheckIsOneEventWithEveryField() {
        audit.blocked(
                TcpaReason.TIME_RESTRICTION,
                TcpaChannel.PHONE,
                "C-1001",
                NEW_YORK,
                Instant.parse("2026-03-08T11:59:59Z"));

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).toJson())
                .isEqualTo("{\"event\":\"tcpa_check\",\"timestamp\":\"2026-03-08T11:59:59Z\","
                        + "\"service\":\"test-service\",\"channel\":\"phone\",\"decision\":\"blocked\","
                        + "\"reason\":\"time_restriction\",\"rule\":\"47 CFR 64.1200(c)(1); 12 CFR 1006.6(b)(1)\","
                        + "\"consumer_id_hash\":\"" + C1001 + "\",\"consumer_time_zone\":\"America/New_York\","
                        + "\"consumer_local_time\":\"2026-03-08T07:59:59-04:00\"}");
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 1, "result", "blocked", "channel", "phone")
                .hasSample("tcpa_violations_prevented_total", 1, "reason", "time_restriction", "channel", "phone")
                .hasSample("tcpa_audit_events_total", 1, "outcome", "recorded")
                .hasNoInstrumentationErrors();
    }

    @Test
    void theAuditLoggerReceivesTheFieldsButServiceAsKeyValuePairs() {
        audit.allowed(TcpaChannel.SMS, "C-2002", ZoneId.of("Pacific/Honolulu"), Instant.parse("2026-07-01T18:00:00Z"));

        assertThat(log.events()).hasSize(1);
        ILoggingEvent logged = log.events().get(0);
        assertThat(logged.getLoggerName()).isEqualTo("obs.audit.tcpa");
        assertThat(logged.getLevel()).isEqualTo(Level.INFO);
        assertThat(logged.getFormattedMessage()).isEqualTo("tcpa_check");
        assertThat(LogCapture.fields(logged))
                .containsExactly(
                        entry("event", "tcpa_check"),
                        entry("timestamp", "2026-07-01T18:00:00Z"),
                        entry("channel", "sms"),
                        entry("decision", "allowed"),
                        entry("reason", "none"),
                        entry("rule", "none"),
                        entry("consumer_id_hash", C2002),
                        entry("consumer_time_zone", "Pacific/Honolulu"),
                        entry("consumer_local_time", "2026-07-01T08:00:00-10:00"));
        // the stored record has the service too; the log line has it from the encoder, once
        Map<String, String> withoutService = new LinkedHashMap<>(stored.get(0).fields());
        assertThat(withoutService.remove("service")).isEqualTo("test-service");
        assertThat(LogCapture.fields(logged)).isEqualTo(withoutService);
    }

    @Test
    void everyReasonCitesItsRule() {
        Instant at = Instant.parse("2026-03-09T15:00:00Z");
        for (TcpaReason reason : TcpaReason.values()) {
            audit.blocked(reason, TcpaChannel.PHONE, "C-1001", NEW_YORK, at);
        }
        assertThat(stored)
                .extracting(e -> e.get("reason") + " -> " + e.get("rule"))
                .containsExactly(
                        "time_restriction -> 47 CFR 64.1200(c)(1); 12 CFR 1006.6(b)(1)",
                        "frequency_limit -> 12 CFR 1006.14(b)(2)",
                        "opt_out -> FCC 24-24 (2024 revocation of consent order)",
                        "do_not_call -> internal do-not-call list",
                        "no_consent -> no consent on file",
                        "audit_unavailable -> compliance audit trail unavailable (fail-closed)");
    }

    @Test
    void anOptOutRecordsItsDeadline() {
        OptOutDeadlines deadlines = OptOutDeadlines.of(NEW_YORK, List.of(LocalDate.of(2026, 11, 26)));
        ComplianceAuditEvent event =
                audit.optOutReceived(TcpaChannel.SMS, "C-1001", Instant.parse("2026-11-23T15:00:00Z"), deadlines);

        assertThat(event.toJson())
                .isEqualTo("{\"event\":\"tcpa_opt_out\",\"timestamp\":\"2026-11-23T15:00:00Z\","
                        + "\"service\":\"test-service\",\"channel\":\"sms\",\"decision\":\"opt_out_received\","
                        + "\"reason\":\"opt_out\",\"rule\":\"FCC 24-24 (2024 revocation of consent order)\","
                        + "\"consumer_id_hash\":\"" + C1001 + "\",\"deadline_time_zone\":\"America/New_York\","
                        + "\"last_day_to_honour\":\"2026-12-08\",\"deadline\":\"2026-12-09T05:00:00Z\"}");
        assertThatScrape(test).hasSample("tcpa_opt_outs_total", 1, "channel", "sms");
    }

    @Test
    void phoneNumbersAndNamesNeverLeaveAsTheyCame() {
        String phone = "+1 415 555 2671";
        audit.blocked(TcpaReason.DO_NOT_CALL, TcpaChannel.PHONE, phone, NEW_YORK, clock.instant());
        audit.allowed(TcpaChannel.EMAIL, "Jane Doe <jane.doe@example.com>", NEW_YORK, clock.instant());

        for (ComplianceAuditEvent event : stored) {
            assertThat(event.toJson()).doesNotContain("415", "2671", "Jane", "jane.doe", "example.com");
            assertThat(PiiMasker.defaults().containsPii(event.toJson())).isFalse();
            assertThat(event.get("consumer_id_hash")).matches("[0-9a-f]{64}");
        }
        for (ILoggingEvent logged : log.events()) {
            assertThat(LogCapture.fields(logged).toString()).doesNotContain("415", "2671", "Jane", "jane.doe");
        }
        assertThatScrape(test).hasNoPiiInLabels();
    }

    @Test
    void missingInputIsRecordedAsUnknownAndCounted() {
        ComplianceAuditEvent event = audit.blocked(null, null, null, null, null);

        assertThat(event.fields())
                .containsExactly(
                        entry("event", "tcpa_check"),
                        entry("timestamp", "2026-03-08T12:00:00Z"), // the service clock stands in
                        entry("service", "test-service"),
                        entry("channel", "unknown"),
                        entry("decision", "blocked"),
                        entry("reason", "unknown"),
                        entry("rule", "unknown"),
                        entry("consumer_id_hash", "unknown"),
                        entry("consumer_time_zone", "unknown"),
                        entry("consumer_local_time", "unknown"));
        assertThat(stored).containsExactly(event);
        assertThatScrape(test)
                .hasInstrumentationErrors("tcpa_audit_events_total", "null_value", 3)
                .hasInstrumentationErrors("tcpa_checks_total", "null_value", 1)
                .hasSample("tcpa_audit_events_total", 1, "outcome", "recorded");
    }

    @Test
    void anInstantNoLocalTimeCanHoldKeepsTheRestOfTheRecord() {
        ComplianceAuditEvent event =
                audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, "C-1001", NEW_YORK, Instant.MAX);

        assertThat(event.fields().keySet())
                .containsExactly(
                        "event",
                        "timestamp",
                        "service",
                        "channel",
                        "decision",
                        "reason",
                        "rule",
                        "consumer_id_hash",
                        "consumer_time_zone",
                        "consumer_local_time");
        assertThat(event.fields())
                .containsEntry("timestamp", "+1000000000-12-31T23:59:59.999999999Z")
                .containsEntry("reason", "time_restriction")
                .containsEntry("consumer_time_zone", "America/New_York")
                .containsEntry("consumer_local_time", "unknown");
        assertThat(event.get("consumer_id_hash")).matches("[0-9a-f]{64}");
        assertThat(stored).containsExactly(event);
        assertThatScrape(test)
                .hasInstrumentationErrors("tcpa_audit_events_total", "recording_failed", 1)
                .hasSample("tcpa_audit_events_total", 1, "outcome", "recorded");
    }

    @Test
    void anOptOutAtAnInstantNoDateCanHoldKeepsTheRestOfTheRecord() {
        ComplianceAuditEvent event =
                audit.optOutReceived(TcpaChannel.SMS, "C-1001", Instant.MAX, OptOutDeadlines.of(NEW_YORK));

        assertThat(event.fields())
                .containsEntry("deadline_time_zone", "America/New_York")
                .containsEntry("last_day_to_honour", "unknown")
                .containsEntry("deadline", "unknown");
        assertThat(event.get("consumer_id_hash")).matches("[0-9a-f]{64}");
        assertThatScrape(test)
                .hasInstrumentationErrors("tcpa_audit_events_total", "recording_failed", 1)
                .hasSample("tcpa_audit_events_total", 1, "outcome", "recorded");
    }

    @Test
    void hostileConsumerIdsAreHashedAndHugeOnesCut() {
        ComplianceAuditEvent crlf =
                audit.allowed(TcpaChannel.PHONE, "C-1001\r\n{\"decision\":\"allowed\"}", NEW_YORK, clock.instant());
        ComplianceAuditEvent huge =
                audit.allowed(TcpaChannel.PHONE, "9".repeat(10 * 1024 * 1024), NEW_YORK, clock.instant());

        assertThat(crlf.get("consumer_id_hash")).matches("[0-9a-f]{64}").isNotEqualTo(C1001);
        assertThat(crlf.toJson()).doesNotContain("\r", "\n");
        assertThat(huge.get("consumer_id_hash")).matches("[0-9a-f]{64}");
        assertThat(huge.toJson().length()).isLessThan(1_000);
        assertThatScrape(test).hasInstrumentationErrors("tcpa_audit_events_total", "value_too_large", 1);
    }

    @Test
    void aSpanInProgressLendsItsTraceId() {
        String traceId = test.obs()
                .spans()
                .span("dial")
                .call(() -> audit.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant())
                        .get("trace_id"));

        assertThat(traceId).isEqualTo(test.spans().get(0).getTraceId());
    }

    @Test
    void aFailingSinkIsCountedAndTheEventStillLogged() {
        ComplianceAudit failing = ComplianceAudit.builder(tcpa)
                .consumerIdKey(KEY)
                .sink(event -> {
                    throw new IllegalStateException("insert failed for +1 415 555 2671");
                })
                .build();

        failing.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());
        failing.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());

        assertThat(log.events()).hasSize(2);
        assertThatScrape(test)
                .hasSample("tcpa_audit_events_total", 2, "outcome", "sink_failed")
                .hasSample("tcpa_audit_events_total", 0, "outcome", "recorded")
                .hasSample("tcpa_checks_total", 2, "result", "allowed", "channel", "phone");
    }

    /** A sink appending each record to {@code file}, as a service's own audit file would. */
    private static ComplianceAuditSink fileSink(java.nio.file.Path file) {
        return event -> {
            try {
                java.nio.file.Files.writeString(
                        file,
                        event.toJson() + "\n",
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** {@code /dev/full}: a real device on which every write fails with ENOSPC, as on a full disk. */
    private static final java.nio.file.Path FULL = java.nio.file.Path.of("/dev/full");

    @Test
    void failClosedBlocksAContactWhoseRecordCannotBeWrittenAndSaysWhy() throws Exception {
        ComplianceAudit closed = ComplianceAudit.builder(tcpa)
                .consumerIdKey(KEY)
                .failClosed(true)
                .sink(fileSink(FULL))
                .build();

        ComplianceAuditEvent answer = closed.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());

        assertThat(answer.allowed()).isFalse();
        assertThat(answer.fields())
                .containsEntry("decision", "blocked")
                .containsEntry("reason", "audit_unavailable")
                .containsEntry("rule", "compliance audit trail unavailable (fail-closed)");
        assertThat(log.events())
                .extracting(e -> LogCapture.fields(e).get("decision"))
                .containsExactly("allowed", "blocked");
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 0, "result", "allowed", "channel", "phone")
                .hasSample("tcpa_checks_total", 1, "result", "blocked", "channel", "phone")
                .hasSample("tcpa_violations_prevented_total", 1, "reason", "audit_unavailable", "channel", "phone")
                .hasSample("tcpa_audit_events_total", 2, "outcome", "sink_failed")
                .hasSample("tcpa_audit_events_total", 0, "outcome", "recorded");
        assertThat(closed.healthCheck().check().detail())
                .hasValueSatisfying(d -> assertThat(d).contains("obs.audit.tcpa", "No space left on device"));
        try (io.escalation.obs.core.health.HealthChecks health = io.escalation.obs.core.health.HealthChecks.create(
                        test.obs())
                .register("audit_tcpa", java.time.Duration.ofSeconds(1), closed.healthCheck())) {
            io.escalation.obs.core.health.HealthReport report = health.runAll();
            assertThat(report.httpStatus()).isEqualTo(503);
            assertThat(report.toJson()).contains("audit_tcpa", "No space left on device");
            assertThatScrape(test).hasSample("health_check_status", 0, "check", "audit_tcpa");
        }
    }

    @Test
    void failClosedAllowsOnceTheTrailWritesAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.nio.file.Path> target =
                new java.util.concurrent.atomic.AtomicReference<>(FULL);
        ComplianceAudit closed = ComplianceAudit.builder(tcpa)
                .consumerIdKey(KEY)
                .failClosed(true)
                .sink(event -> fileSink(target.get()).write(event))
                .build();
        assertThat(closed.allowed(TcpaChannel.SMS, "C-1001", NEW_YORK, clock.instant())
                        .allowed())
                .isFalse();
        assertThat(closed.healthCheck().check().isUp()).isFalse();

        target.set(dir.resolve("audit.jsonl")); // space again
        ComplianceAuditEvent answer = closed.allowed(TcpaChannel.SMS, "C-1001", NEW_YORK, clock.instant());

        assertThat(answer.allowed()).isTrue();
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("audit.jsonl"))).containsExactly(answer.toJson());
        assertThat(closed.healthCheck().check().isUp()).isTrue();
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 1, "result", "allowed", "channel", "sms")
                .hasSample("tcpa_checks_total", 1, "result", "blocked", "channel", "sms");
    }

    @Test
    void failOpenByDefaultAllowsTheContactAndCountsTheMissingRecord() throws Exception {
        ComplianceAudit open = ComplianceAudit.builder(tcpa)
                .consumerIdKey(KEY)
                .sink(fileSink(FULL))
                .build();

        ComplianceAuditEvent answer = open.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());

        assertThat(answer.allowed()).isTrue();
        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 1, "result", "allowed", "channel", "phone")
                .hasSample("tcpa_audit_events_total", 1, "outcome", "sink_failed");
        assertThat(open.healthCheck().check().isUp()).isFalse();
    }

    @Test
    void withoutASinkTheLoggerIsTheRecordAndADisabledLoggerIsCountedAsDropped() {
        ComplianceAudit loggerOnly =
                ComplianceAudit.builder(tcpa).consumerIdKey(KEY).build();
        loggerOnly.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());
        log.level(Level.WARN);
        loggerOnly.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant());

        assertThat(log.events()).hasSize(1);
        assertThatScrape(test)
                .hasSample("tcpa_audit_events_total", 1, "outcome", "recorded")
                .hasSample("tcpa_audit_events_total", 1, "outcome", "dropped");
    }

    @Test
    void startUpFailsFastOnAMissingOrWeakKeyOrNowhereToWrite() {
        assertThatThrownBy(() -> ComplianceAudit.builder(tcpa).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs consumerIdKey");
        assertThatThrownBy(() -> ComplianceAudit.builder(tcpa)
                        .consumerIdKey(new byte[31])
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageContaining("was 31 bytes");
        assertThatThrownBy(() -> ComplianceAudit.builder(tcpa)
                        .consumerIdKey(new byte[32])
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("placeholder");
        log.level(Level.OFF);
        assertThatThrownBy(
                        () -> ComplianceAudit.builder(tcpa).consumerIdKey(KEY).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("obs.audit.tcpa logger is disabled at INFO and no sink is set");
        assertThat(ComplianceAudit.builder(tcpa)
                        .consumerIdKey(KEY)
                        .sink(e -> {})
                        .build())
                .isNotNull();
    }

    @Test
    void theKeyIsCopiedSoLaterChangesDoNotMatter() {
        byte[] key = KEY.clone();
        ComplianceAudit copied = ComplianceAudit.builder(tcpa)
                .consumerIdKey(key)
                .sink(stored::add)
                .build();
        key[0] ^= 1;
        assertThat(copied.allowed(TcpaChannel.PHONE, "C-1001", NEW_YORK, clock.instant())
                        .get("consumer_id_hash"))
                .isEqualTo(C1001);
    }

    @Test
    void concurrentDecisionsAreAllRecorded() throws Exception {
        int threads = 4;
        int calls = 500;
        ConcurrentLinkedQueue<ComplianceAuditEvent> queue = new ConcurrentLinkedQueue<>();
        ComplianceAudit toQueue = ComplianceAudit.builder(tcpa)
                .consumerIdKey(KEY)
                .sink(queue::add)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String consumer = t % 2 == 0 ? "C-1001" : "C-2002";
            done.add(pool.submit(() -> {
                for (int i = 0; i < calls; i++) {
                    toQueue.blocked(TcpaReason.FREQUENCY_LIMIT, TcpaChannel.SMS, consumer, NEW_YORK, clock.instant());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(queue).hasSize(2_000);
        assertThat(queue)
                .extracting(e -> e.get("consumer_id_hash"))
                .containsOnly(C1001, C2002)
                .filteredOn(C1001::equals)
                .hasSize(1_000);
        assertThat(log.events()).hasSize(2_000);
        assertThatScrape(test)
                .hasSample("tcpa_audit_events_total", 2_000, "outcome", "recorded")
                .hasSample("tcpa_violations_prevented_total", 2_000, "reason", "frequency_limit", "channel", "sms");
    }

    @Test
    void jsonEscapesWhatCouldBreakTheLine() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("a", "quote \" backslash \\ cr \r lf \n tab \t ls \u2028 del \u007f");
        assertThat(AuditJson.object(fields))
                .isEqualTo(
                        "{\"a\":\"quote \\\" backslash \\\\ cr \\u000d lf \\u000a tab \\u0009 ls \\u2028 del \\u007f\"}");
    }
}
