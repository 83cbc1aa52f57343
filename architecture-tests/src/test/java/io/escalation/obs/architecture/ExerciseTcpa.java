package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.tcpa.ComplianceAudit;
import io.escalation.obs.tcpa.OptOutDeadlines;
import io.escalation.obs.tcpa.TcpaChannel;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.escalation.obs.tcpa.TcpaReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** obs-tcpa's facade calls for the scrape contract. */
final class ExerciseTcpa {

    private ExerciseTcpa() {
    }

    static void exercise(Observability obs) {
        TcpaMetrics tcpa = TcpaMetrics.create(obs);
        tcpa.frequencyLimitReached();
        ZoneId zone = ZoneId.of("America/New_York");
        Instant now = obs.clock().instant();
        tcpa.optOutBacklog(List.of(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(1))),
                OptOutDeadlines.of(zone));
        ComplianceAudit audit = ComplianceAudit.builder(tcpa)
                .consumerIdKey("architecture-tests-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                .sink(event -> { })
                .build();
        audit.allowed(TcpaChannel.PHONE, "C-1001", zone, now);
        audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.SMS, "C-1001", zone, now);
        audit.optOutReceived(TcpaChannel.EMAIL, "C-1001", now, OptOutDeadlines.of(zone));
    }
}
