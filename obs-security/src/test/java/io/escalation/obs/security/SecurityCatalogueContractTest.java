package io.escalation.obs.security;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.nio.charset.StandardCharsets;

/**
 * obs-security's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class SecurityCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public SecurityCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-security";
    }

    @Override
    public void exercise(Observability obs) {
        SecurityMetrics security = SecurityMetrics.create(obs);
        security.loginSucceeded();
        security.tokenRefreshed();
        security.sessionOpened();
        security.permissionGranted();
        security.rateLimitHit("/api/v1/campaigns");
        SecurityAudit audit = SecurityAudit.builder(security)
                .hashKey("architecture-tests-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                .sink(event -> {})
                .build();
        audit.loginFailed("agent-42", "203.0.113.7");
        audit.accountLocked("agent-42", "203.0.113.7");
        audit.permissionDenied(SecurityResource.PAYMENTS, "agent-42", "203.0.113.7");
        audit.rateLimitViolation("/api/v1/campaigns", "203.0.113.7");
        audit.rateLimitBlock("/api/v1/campaigns", "203.0.113.7");
        audit.suspiciousActivity(SuspiciousActivity.BRUTE_FORCE, "agent-42", "203.0.113.7");
        audit.requestBlocked(BlockReason.MALICIOUS_INPUT, "203.0.113.7");
    }
}
