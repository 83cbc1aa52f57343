package io.escalation.obs.logging;

import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.core.spi.audit.AuditWriter;

/** The writer's health as the child prints it: {@code UP} or {@code DOWN <detail>}. */
final class HealthProbe {

    private HealthProbe() {}

    static String of(AuditWriter<?> writer) {
        try {
            HealthResult result = writer.healthCheck().check();
            return result.status() + " " + result.detail().orElse("");
        } catch (Exception e) {
            return "THREW " + e;
        }
    }
}
