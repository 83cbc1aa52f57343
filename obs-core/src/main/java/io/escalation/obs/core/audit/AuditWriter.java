package io.escalation.obs.core.audit;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.escalation.obs.core.fault.Causes;
import io.escalation.obs.core.fault.Faults;
import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Sends each audit event to a dedicated SLF4J logger (INFO, message {@link AuditEvent#type()}, one
 * key-value pair per field but {@code service}, which the log line has already) and to a durable sink, counting each outcome on a catalogued counter:
 * {@code recorded}, {@code sink_failed} (the sink threw; the event still reached the logger) or
 * {@code dropped} (no sink and the logger did not take it). Never throws while writing; a failing
 * sink is logged once, masked, then only counted.
 *
 * <pre>{@code
 * AuditWriter<SecurityAuditEvent> writer = AuditWriter.create(obs, "obs.audit.security",
 *         SecurityMeters.AUDIT_EVENTS, SecurityLabels.OUTCOME, sink,
 *         "SecurityAudit.builder(...).sink(...)");
 * writer.write(event);
 * }</pre>
 *
 * <p>Audit events are records, not telemetry: nothing here samples, batches or drops them, and the
 * sink is called synchronously on the recording thread.
 *
 * @param <E> the domain's event type
 */
public final class AuditWriter<E extends AuditEvent> {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    /**
     * The event field left out of the log line: every JSON log line carries {@code service} already
     * (obs-logging's encoder writes it), and a second one would make the object's keys ambiguous.
     * The sink's record keeps it.
     */
    private static final String LOG_LINE_FIELD = "service";

    private final Observability obs;
    private final Logger audit;
    private final @Nullable AuditSink<? super E> sink;
    private final String sinkFailedSeries;
    private final Counter recorded;
    private final Counter sinkFailed;
    private final Counter dropped;
    private final AtomicBoolean sinkFailureLogged = new AtomicBoolean();

    AuditWriter(Observability obs, Logger audit, ObsMeter events, ObsLabel outcome, @Nullable AuditSink<? super E> sink) {
        this.obs = obs;
        this.audit = audit;
        this.sink = sink;
        this.sinkFailedSeries = events.prometheusName() + "{" + outcome.asString() + "=\"sink_failed\"}";
        this.recorded = outcome(events, outcome, "recorded");
        this.sinkFailed = outcome(events, outcome, "sink_failed");
        this.dropped = outcome(events, outcome, "dropped");
    }

    /**
     * A writer to the logger {@code loggerName} and to {@code sink} (null: the logger only), counting
     * outcomes on the counter {@code events} under the label {@code outcome}.
     *
     * @param sinkSetting how a service sets the sink, named in the start-up failure
     * @throws IllegalStateException when there is no sink and the logger is disabled at INFO, so that
     *     every event would be lost
     */
    public static <E extends AuditEvent> AuditWriter<E> create(Observability obs, String loggerName, ObsMeter events,
            ObsLabel outcome, @Nullable AuditSink<? super E> sink, String sinkSetting) {
        Objects.requireNonNull(obs, "obs");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(outcome, "outcome");
        Logger audit = LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
        if (sink == null && !audit.isInfoEnabled()) {
            throw new IllegalStateException("audit events would be lost: the " + loggerName + " logger is disabled"
                    + " at INFO and no sink is set; enable the logger at INFO or pass " + sinkSetting);
        }
        return new AuditWriter<>(obs, audit, events, outcome, sink);
    }

    /** Logs {@code event}, hands it to the sink and counts the outcome. Never throws. */
    public void write(E event) {
        boolean logged = log(event);
        AuditSink<? super E> target = sink;
        if (target == null) {
            (logged ? recorded : dropped).increment();
            return;
        }
        try {
            target.write(event);
            recorded.increment();
        } catch (Throwable e) {   // the user's sink: anything but a VirtualMachineError is counted, not thrown
            Faults.rethrowIfFatal(e);
            sinkFailed.increment();
            if (sinkFailureLogged.compareAndSet(false, true)) {
                String message = Causes.message(e, obs.masker()::mask);
                log.error("obs: the audit sink {} failed ({}: {}); events still go to the {} logger,"
                        + " further failures are only counted in {}",
                        target.getClass().getName(), e.getClass().getName(),
                        message, audit.getName(), sinkFailedSeries);
            }
        }
    }

    private boolean log(E event) {
        try {
            if (!audit.isInfoEnabled()) {
                return false;
            }
            LoggingEventBuilder builder = audit.atInfo();
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                if (!LOG_LINE_FIELD.equals(field.getKey())) {
                    builder = builder.addKeyValue(field.getKey(), field.getValue());
                }
            }
            builder.log(event.type());
            return true;
        } catch (RuntimeException e) {   // a logging backend failing: the sink may still keep the record
            return false;
        }
    }

    private Counter outcome(ObsMeter events, ObsLabel label, String outcome) {
        return events.counter().tag(label.asString(), outcome).register(obs.registry());
    }
}
