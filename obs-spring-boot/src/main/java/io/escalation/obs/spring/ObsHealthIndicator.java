package io.escalation.obs.spring;

import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthReport;
import io.escalation.obs.core.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * obs's health checks as Actuator's {@code obs} component: one run of obs's own {@link HealthChecks} per call (which
 * also updates {@code health_check_status} and {@code health_check_duration_seconds}), DOWN when a critical check is
 * DOWN, each check in the details with its status, criticality, duration and masked detail. The checks bridged from
 * Actuator's own indicators are neither run nor shown: Actuator runs and shows those itself in the same call, and
 * {@link BridgedHealthRuns} keeps their status current.
 */
final class ObsHealthIndicator implements HealthIndicator {

    private final HealthChecks checks;
    private final Set<String> bridged;

    ObsHealthIndicator(HealthChecks checks, Set<String> bridged) {
        this.checks = checks;
        this.bridged = bridged;
    }

    @Override
    public Health health() {
        HealthReport report = checks.run(name -> !bridged.contains(name));
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (HealthReport.CheckResult check : report.checks()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", check.status().name());
            detail.put("critical", check.critical());
            detail.put("durationMs", check.duration().toMillis());
            check.detail().ifPresent(text -> detail.put("detail", text));
            details.put(check.name(), detail);
            down |= check.critical() && check.status() == HealthStatus.DOWN;
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }
}
