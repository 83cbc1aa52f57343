package io.escalation.obs.tcpa;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * obs-tcpa's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class TcpaCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public TcpaCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-tcpa";
    }

    @Override
    public void exercise(Observability obs) {
        TcpaMetrics tcpa = TcpaMetrics.create(obs);
        tcpa.frequencyLimitReached();
        ZoneId zone = ZoneId.of("America/New_York");
        Instant now = obs.clock().instant();
        tcpa.optOutBacklog(
                List.of(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(1))), OptOutDeadlines.of(zone));
        ComplianceAudit audit = ComplianceAudit.builder(tcpa)
                .consumerIdKey("architecture-tests-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                .sink(event -> {})
                .build();
        audit.allowed(TcpaChannel.PHONE, "C-1001", zone, now);
        audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.SMS, "C-1001", zone, now);
        audit.optOutReceived(TcpaChannel.EMAIL, "C-1001", now, OptOutDeadlines.of(zone));
    }
}
