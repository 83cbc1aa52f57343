package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.security.BlockReason;
import io.escalation.obs.security.SecurityAudit;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.security.SecurityResource;
import io.escalation.obs.security.SuspiciousActivity;
import java.nio.charset.StandardCharsets;

/** obs-security's facade calls for the scrape contract. */
final class ExerciseSecurity {

    private ExerciseSecurity() {
    }

    static void exercise(Observability obs) {
        SecurityMetrics security = SecurityMetrics.create(obs);
        security.loginSucceeded();
        security.tokenRefreshed();
        security.sessionOpened();
        security.permissionGranted();
        security.rateLimitHit("/api/v1/campaigns");
        SecurityAudit audit = SecurityAudit.builder(security)
                .hashKey("architecture-tests-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                .sink(event -> { })
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
