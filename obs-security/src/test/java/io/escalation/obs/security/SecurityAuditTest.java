package io.escalation.obs.security;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.test.TestObservability;
import io.escalation.obs.test.logback.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** Security audit events through the sink and the real logback audit logger, field by field. */
class SecurityAuditTest {

    private static final byte[] KEY = "k3y-for-tests-only-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** HMAC-SHA256(KEY, "ip\0203.0.113.7"), computed with openssl dgst -sha256 -mac HMAC. */
    private static final String IP_HASH = "7efc6564f0cc988bd5ae5c52953ec8391b88f8121233411e3953a5f0139d89de";
    /** HMAC-SHA256(KEY, "user\0agent-42"). */
    private static final String USER_HASH = "9d3564983b88b3286812c4fc89d8de1afa196dd4badda0c33a7d48ee22f799ef";

    private static final String HEAD =
            "{\"event\":\"%s\",\"timestamp\":\"2026-03-08T12:00:00Z\",\"service\":\"test-service\",";

    private final TestObservability test =
            TestObservability.create(b -> b.clock(Clock.fixed(Instant.parse("2026-03-08T12:00:00Z"), ZoneOffset.UTC)));
    private final SecurityMetrics security = SecurityMetrics.create(test.obs());
    private final List<SecurityAuditEvent> stored = Collections.synchronizedList(new ArrayList<>());
    private final LogCapture log = LogCapture.attach(SecurityAudit.LOGGER);
    private final SecurityAudit audit =
            SecurityAudit.builder(security).hashKey(KEY).sink(stored::add).build();

    @AfterEach
    void close() {
        log.close();
        test.close();
    }

    @Test
    void aFailedLoginNamesTheUserAndClientOnlyByKeyedHash() {
        audit.loginFailed("agent-42", "203.0.113.7");

        assertThat(stored.get(0).toJson())
                .isEqualTo(String.format(HEAD, "auth_login_failed") + "\"user_id_hash\":\"" + USER_HASH
                        + "\",\"client_ip_hash\":\"" + IP_HASH + "\"}");
        assertThatScrape(test)
                .hasSample("auth_login_attempts_total", 1, "status", "failed")
                .hasSample("security_audit_events_total", 1, "outcome", "recorded")
                .hasNoInstrumentationErrors();
    }

    @Test
    void theAuditLoggerReceivesTheFieldsButServiceAsKeyValuePairs() {
        audit.rateLimitViolation("/api/v1/campaigns", " 203.0.113.7 "); // trimmed before hashing

        ILoggingEvent logged = log.events().get(0);
        assertThat(logged.getLoggerName()).isEqualTo("obs.audit.security");
        assertThat(logged.getLevel()).isEqualTo(Level.INFO);
        assertThat(logged.getFormattedMessage()).isEqualTo("rate_limit_violation");
        assertThat(LogCapture.fields(logged))
                .containsExactly(
                        entry("event", "rate_limit_violation"),
                        entry("timestamp", "2026-03-08T12:00:00Z"),
                        entry("endpoint", "/api/v1/campaigns"),
                        entry("client_ip_hash", IP_HASH));
        // the stored record has the service too; the log line has it from the encoder, once
        Map<String, String> withoutService = new LinkedHashMap<>(stored.get(0).fields());
        assertThat(withoutService.remove("service")).isEqualTo("test-service");
        assertThat(LogCapture.fields(logged)).isEqualTo(withoutService);
        assertThatScrape(test).hasSample("rate_limit_violations_total", 1, "endpoint", "/api/v1/campaigns");
    }

    @Test
    void everyEventHasItsFields() {
        audit.accountLocked("agent-42", "203.0.113.7");
        audit.permissionDenied(SecurityResource.PAYMENTS, "agent-42", "203.0.113.7");
        audit.rateLimitBlock("/api/v1/campaigns", "203.0.113.7");
        audit.suspiciousActivity(SuspiciousActivity.CREDENTIAL_STUFFING, null, "203.0.113.7");
        audit.requestBlocked(BlockReason.MALICIOUS_INPUT, "203.0.113.7");

        String ip = "\"client_ip_hash\":\"" + IP_HASH + "\"}";
        String user = "\"user_id_hash\":\"" + USER_HASH + "\",";
        assertThat(stored)
                .extracting(SecurityAuditEvent::toJson)
                .containsExactly(
                        String.format(HEAD, "auth_account_locked") + user + ip,
                        String.format(HEAD, "authz_permission_denied") + "\"resource\":\"payments\"," + user + ip,
                        String.format(HEAD, "rate_limit_block") + "\"endpoint\":\"/api/v1/campaigns\"," + ip,
                        String.format(HEAD, "security_suspicious_activity") + "\"type\":\"credential_stuffing\","
                                + "\"user_id_hash\":\"anonymous\"," + ip,
                        String.format(HEAD, "security_request_blocked") + "\"reason\":\"malicious_input\"," + ip);
        assertThatScrape(test)
                .hasSample("auth_account_lockouts_total", 1)
                .hasSample("authz_permission_violations_total", 1, "resource", "payments")
                .hasSample("rate_limit_blocks_total", 1)
                .hasSample("security_suspicious_activity_total", 1, "type", "credential_stuffing")
                .hasSample("security_blocked_requests_total", 1, "reason", "malicious_input")
                .hasNoInstrumentationErrors(); // no user is an anonymous request, not a fault
    }

    @Test
    void noIpUserIdOrPhoneNumberLeavesAsItCame() {
        audit.loginFailed("jane.doe@example.com", "2001:DB8::1");
        audit.rateLimitViolation("/api/v1/customers/+14155552671", "198.51.100.23");
        audit.suspiciousActivity(SuspiciousActivity.SQL_INJECTION, "+1 415 555 2671", "198.51.100.23");
        audit.rateLimitViolation("/api/v1/customers/jane%40example.com", "198.51.100.23"); // as a raw path spells it

        assertThat(stored).hasSize(4);
        for (SecurityAuditEvent event : stored) {
            assertThat(event.toJson())
                    .doesNotContain("jane", "example.com", "2001:", "db8", "198.51", "4155552671", "415 555");
            assertThat(PiiMasker.defaults().containsPii(event.toJson())).isFalse();
        }
        for (ILoggingEvent logged : log.events()) {
            assertThat(LogCapture.fields(logged).toString()).doesNotContain("jane", "198.51", "4155552671");
        }
        assertThat(stored.get(1).get("endpoint")).isEqualTo("redacted");
        assertThat(stored.get(3).get("endpoint")).isEqualTo("redacted");
        assertThat(stored.get(0).get("client_ip_hash"))
                .isEqualTo(audit.loginFailed("x", "2001:db8::1").get("client_ip_hash")); // case-insensitive hex
        assertThat(test.scrape()).doesNotContain("198.51", "4155552671", "jane");
        assertThatScrape(test).hasNoPiiInLabels();
    }

    @Test
    void anAnonymousRequestIsRecordedAsAnonymousAndIsNoFault() {
        audit.permissionDenied(SecurityResource.PAYMENTS, null, "203.0.113.7");
        audit.suspiciousActivity(SuspiciousActivity.XSS, null, "203.0.113.7");

        assertThat(stored).extracting(e -> e.get("user_id_hash")).containsExactly("anonymous", "anonymous");
        assertThat(LogCapture.fields(log.events().get(0))).containsEntry("user_id_hash", "anonymous");
        assertThatScrape(test)
                .hasSample("security_audit_events_total", 2, "outcome", "recorded")
                .hasNoInstrumentationErrors();
    }

    @Test
    void hostileAndMissingInputIsRecordedSafely() {
        SecurityAuditEvent huge = audit.loginFailed("u".repeat(10 * 1024 * 1024), "203.0.113.7\r\nevent=forged");
        SecurityAuditEvent empty = audit.requestBlocked(null, "  ");

        assertThat(huge.get("user_id_hash")).matches("[0-9a-f]{64}");
        assertThat(huge.get("client_ip_hash")).matches("[0-9a-f]{64}").isNotEqualTo(IP_HASH);
        assertThat(huge.toJson()).doesNotContain("\r", "\n", "forged");
        assertThat(empty.fields()).containsEntry("reason", "unknown").containsEntry("client_ip_hash", "unknown");
        assertThatScrape(test)
                .hasInstrumentationErrors("security_audit_events_total", "value_too_large", 1)
                .hasInstrumentationErrors("security_audit_events_total", "null_value", 1)
                .hasInstrumentationErrors("security_blocked_requests_total", "null_value", 1)
                .hasSample("security_audit_events_total", 2, "outcome", "recorded");
    }

    @Test
    void aSpanInProgressLendsItsTraceId() {
        String traceId = test.obs()
                .spans()
                .span("login")
                .call(() -> audit.loginFailed("agent-42", "203.0.113.7").get("trace_id"));
        assertThat(traceId).isEqualTo(test.spans().get(0).getTraceId());
    }

    @Test
    void aFailingSinkIsCountedAndTheEventStillLogged() {
        SecurityAudit failing = SecurityAudit.builder(security)
                .hashKey(KEY)
                .sink(event -> {
                    throw new IllegalStateException("SIEM unreachable");
                })
                .build();
        failing.loginFailed("agent-42", "203.0.113.7");

        assertThat(log.events()).hasSize(1);
        assertThatScrape(test)
                .hasSample("security_audit_events_total", 1, "outcome", "sink_failed")
                .hasSample("auth_login_attempts_total", 1, "status", "failed");
    }

    @Test
    void aSinkThrowingAnErrorIsCountedAndTheEventStillLogged() {
        SecurityAudit failing = SecurityAudit.builder(security)
                .hashKey(KEY)
                .sink(event -> {
                    throw new AssertionError("SIEM client bug");
                })
                .build();
        failing.loginFailed("agent-42", "203.0.113.7");
        failing.accountLocked("agent-42", "203.0.113.7");

        assertThat(log.events()).hasSize(2);
        assertThatScrape(test)
                .hasSample("security_audit_events_total", 2, "outcome", "sink_failed")
                .hasSample("auth_login_attempts_total", 1, "status", "failed");
    }

    @Test
    void withoutASinkADisabledLoggerIsCountedAsDropped() {
        SecurityAudit loggerOnly = SecurityAudit.builder(security).hashKey(KEY).build();
        loggerOnly.loginFailed("agent-42", "203.0.113.7");
        log.level(Level.ERROR);
        loggerOnly.loginFailed("agent-42", "203.0.113.7");

        assertThatScrape(test)
                .hasSample("security_audit_events_total", 1, "outcome", "recorded")
                .hasSample("security_audit_events_total", 1, "outcome", "dropped");
    }

    @Test
    void startUpFailsFastOnAMissingOrWeakKeyOrNowhereToWrite() {
        assertThatThrownBy(() -> SecurityAudit.builder(security).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs hashKey");
        assertThatThrownBy(() -> SecurityAudit.builder(security)
                        .hashKey("short".getBytes(StandardCharsets.UTF_8))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SecurityAudit.hashKey must be at least 32 bytes")
                .hasMessageContaining("was 5 bytes");
        assertThatThrownBy(() -> SecurityAudit.builder(security)
                        .hashKey("x".repeat(40).getBytes(StandardCharsets.UTF_8))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("placeholder");
        log.level(Level.OFF);
        assertThatThrownBy(() -> SecurityAudit.builder(security).hashKey(KEY).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("obs.audit.security logger is disabled at INFO and no sink is set");
    }

    @Test
    void concurrentOffendersAreAllRecorded() throws Exception {
        ConcurrentLinkedQueue<SecurityAuditEvent> queue = new ConcurrentLinkedQueue<>();
        SecurityAudit toQueue =
                SecurityAudit.builder(security).hashKey(KEY).sink(queue::add).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    toQueue.rateLimitViolation("/api/v1/campaigns", "203.0.113.7");
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(queue)
                .hasSize(2_000)
                .extracting(e -> e.get("client_ip_hash"))
                .containsOnly(IP_HASH);
        assertThatScrape(test)
                .hasSample("rate_limit_violations_total", 2_000, "endpoint", "/api/v1/campaigns")
                .hasSample("security_audit_events_total", 2_000, "outcome", "recorded");
    }
}
