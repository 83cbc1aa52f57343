package io.escalation.obs.tcpa;

import io.escalation.obs.core.Observability;
import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Sends each compliance audit event to the audit logger (INFO, one key-value pair per field) and to
 * the sink, counting the outcome. Never throws.
 */
final class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private final Logger audit;
    private final Observability obs;
    private final @Nullable ComplianceAuditSink sink;
    private final Counter recorded;
    private final Counter sinkFailed;
    private final Counter dropped;
    private final AtomicBoolean sinkFailureLogged = new AtomicBoolean();

    AuditWriter(Observability obs, Logger audit, @Nullable ComplianceAuditSink sink) {
        this.obs = obs;
        this.audit = audit;
        this.sink = sink;
        this.recorded = outcome("recorded");
        this.sinkFailed = outcome("sink_failed");
        this.dropped = outcome("dropped");
    }

    void write(ComplianceAuditEvent event) {
        boolean logged = log(event);
        ComplianceAuditSink target = sink;
        if (target == null) {
            (logged ? recorded : dropped).increment();
            return;
        }
        try {
            target.write(event);
            recorded.increment();
        } catch (RuntimeException e) {
            sinkFailed.increment();
            if (sinkFailureLogged.compareAndSet(false, true)) {
                String message = e.getMessage();
                log.error("obs: the compliance audit sink {} failed ({}: {}); events still go to the {} logger,"
                        + " further failures are only counted in tcpa_audit_events_total{outcome=\"sink_failed\"}",
                        target.getClass().getName(), e.getClass().getName(),
                        message == null ? "" : obs.masker().mask(message), ComplianceAudit.LOGGER);
            }
        }
    }

    private boolean log(ComplianceAuditEvent event) {
        try {
            if (!audit.isInfoEnabled()) {
                return false;
            }
            LoggingEventBuilder builder = audit.atInfo();
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                builder = builder.addKeyValue(field.getKey(), field.getValue());
            }
            builder.log(event.type());
            return true;
        } catch (RuntimeException e) {   // a logging backend failing: the sink may still keep the record
            return false;
        }
    }

    private Counter outcome(String outcome) {
        return TcpaMeters.AUDIT_EVENTS.counter().tag(TcpaLabels.OUTCOME.asString(), outcome).register(obs.registry());
    }
}
