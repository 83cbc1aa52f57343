package io.escalation.obs.security;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.test.TestObservability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecurityMetricsTest {

    private final TestObservability test = TestObservability.create(
            b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(3).build()));
    private final SecurityMetrics security = SecurityMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void countsAuthenticationAndAuthorization() {
        security.loginSucceeded();
        security.loginSucceeded();
        security.loginFailed();
        security.accountLocked();
        security.tokenRefreshed();
        security.permissionGranted();
        security.permissionDenied(SecurityResource.PAYMENTS);
        security.permissionDenied(SecurityResource.AUDIT_LOGS);

        assertThatScrape(test)
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("auth_login_attempts_total{environment=\"test\",service=\"test-service\","
                        + "status=\"success\"} 2.0")
                .hasSample("auth_login_attempts_total", 1, "status", "failed")
                .hasSample("auth_account_lockouts_total", 1)
                .hasSample("auth_token_refreshes_total", 1)
                .hasSample("authz_permission_checks_total", 1, "result", "allowed")
                .hasSample("authz_permission_checks_total", 2, "result", "denied")
                .hasSample("authz_permission_violations_total", 1, "resource", "payments")
                .hasSample("authz_permission_violations_total", 1, "resource", "audit_logs")
                .hasSample("authz_permission_violations_total", 0, "resource", "campaigns")
                .hasNoInstrumentationErrors();
    }

    @Test
    void countsSessionsWithoutGoingBelowZero() {
        security.sessionOpened();
        security.sessionOpened();
        security.sessionOpened();
        security.sessionClosed();
        assertThatScrape(test).hasSample("auth_sessions_active", 2);

        security.sessionClosed();
        security.sessionClosed();
        security.sessionClosed(); // unmatched
        assertThatScrape(test)
                .hasSample("auth_sessions_active", 0)
                .hasInstrumentationErrors("auth_sessions_active", "negative_value", 1);

        security.activeSessions(42);
        security.activeSessions(-1); // dropped
        assertThatScrape(test)
                .hasSample("auth_sessions_active", 42)
                .hasInstrumentationErrors("auth_sessions_active", "negative_value", 2);
    }

    @Test
    void facadesOnOneRegistryShareTheSessionCount() {
        SecurityMetrics second = SecurityMetrics.create(test.obs());
        security.sessionOpened();
        second.sessionOpened();
        assertThatScrape(test).hasSample("auth_sessions_active", 2);
    }

    @Test
    void countsRateLimitsByRouteTemplate() {
        SecurityMetrics.Endpoint campaigns = security.endpoint("/api/v1/campaigns");
        campaigns.hit();
        campaigns.hit();
        campaigns.violation();
        security.rateLimitHit("/api/v1/campaigns");
        security.rateLimitViolation("/api/v1/customers/{id}");
        security.rateLimitBlock();

        assertThat(campaigns.label()).isEqualTo("/api/v1/campaigns");
        assertThatScrape(test)
                .hasSample("rate_limit_hits_total", 3, "endpoint", "/api/v1/campaigns")
                .hasSample("rate_limit_violations_total", 1, "endpoint", "/api/v1/campaigns")
                .hasSample("rate_limit_violations_total", 1, "endpoint", "/api/v1/customers/{id}")
                .hasSample("rate_limit_blocks_total", 1)
                .hasNoInstrumentationErrors();
    }

    @Test
    void anIpAddressOrPhoneNumberPassedAsEndpointNeverReachesTheScrape() {
        security.rateLimitViolation("203.0.113.7");
        security.rateLimitViolation("/api/v1/customers/+14155552671/calls");
        security.rateLimitViolation("/api/v1/customers/%2B14155552671");
        security.rateLimitViolation("/api/v1/customers/jane%40example.com");
        security.rateLimitViolation("jane.doe@example.com");
        security.rateLimitHit("/api/v1/campaigns\r\nfake_metric 1");
        security.rateLimitHit(null);

        String scrape = test.scrape();
        assertThat(scrape).doesNotContain("203.0.113.7", "4155552671", "jane");
        assertThat(scrape.lines()).noneMatch(line -> line.startsWith("fake_metric")); // no injected series
        assertThatScrape(test)
                .hasSample("rate_limit_violations_total", 5, "endpoint", "redacted")
                .hasSample("rate_limit_hits_total", 1, "endpoint", "/api/v1/campaigns__fake_metric 1")
                .hasSample("rate_limit_hits_total", 1, "endpoint", "unknown")
                .hasInstrumentationErrors("rate_limit_hits_total", "label_pii", 5)
                .hasInstrumentationErrors("rate_limit_hits_total", "label_control_chars", 1)
                .hasNoPiiInLabels();
    }

    @Test
    void endpointsBeyondTheCapFoldIntoOther() {
        for (int i = 0; i < 10; i++) {
            security.rateLimitHit("/api/v1/route" + i);
        }
        assertThatScrape(test)
                .hasSample("rate_limit_hits_total", 7, "endpoint", "other")
                .hasSample("obs_label_overflow_total", 7, "metric", "rate_limit_hits_total", "label", "endpoint");
    }

    @Test
    void countsSuspiciousActivityAndBlockedRequests() {
        security.suspiciousActivity(SuspiciousActivity.BRUTE_FORCE);
        security.suspiciousActivity(SuspiciousActivity.SQL_INJECTION);
        security.suspiciousActivity(SuspiciousActivity.SQL_INJECTION);
        security.requestBlocked(BlockReason.MALICIOUS_INPUT);
        security.suspiciousActivity(null);
        security.requestBlocked(null);
        security.permissionDenied(null);

        assertThatScrape(test)
                .hasSample("security_suspicious_activity_total", 2, "type", "sql_injection")
                .hasSample("security_suspicious_activity_total", 1, "type", "brute_force")
                .hasSample("security_blocked_requests_total", 1, "reason", "malicious_input")
                .hasSample("authz_permission_checks_total", 1, "result", "denied")
                .hasInstrumentationErrors("security_suspicious_activity_total", "null_value", 1)
                .hasInstrumentationErrors("security_blocked_requests_total", "null_value", 1)
                .hasInstrumentationErrors("authz_permission_violations_total", "null_value", 1);
    }

    @Test
    void concurrentCallsLoseNothing() throws Exception {
        int threads = 8;
        int calls = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < calls; i++) {
                    security.loginFailed();
                    security.sessionOpened();
                    security.rateLimitHit("/api/v1/campaigns");
                    security.sessionClosed();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThatScrape(test)
                .hasSample("auth_login_attempts_total", 80_000, "status", "failed")
                .hasSample("rate_limit_hits_total", 80_000, "endpoint", "/api/v1/campaigns")
                .hasSample("auth_sessions_active", 0)
                .hasNoInstrumentationErrors();
    }

    @Test
    void prometheusNames() {
        assertThat(new SecurityCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly(
                        "auth_login_attempts_total",
                        "auth_account_lockouts_total",
                        "auth_token_refreshes_total",
                        "auth_sessions_active",
                        "authz_permission_checks_total",
                        "authz_permission_violations_total",
                        "rate_limit_hits_total",
                        "rate_limit_violations_total",
                        "rate_limit_blocks_total",
                        "security_suspicious_activity_total",
                        "security_blocked_requests_total",
                        "security_audit_events_total");
    }
}
