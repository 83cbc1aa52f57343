package io.escalation.obs.core.spi.audit;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.AuditEvent;
import io.escalation.obs.core.audit.AuditSink;
import io.escalation.obs.core.health.HealthCheck;
import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.spi.record.Causes;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.SystemErrors;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Sends each audit event to a dedicated SLF4J logger (INFO, message {@link AuditEvent#type()}, one
 * key-value pair per field but {@code service}, which the log line has already) and to a durable
 * sink, and counts what became of it on a catalogued counter, one outcome per event:
 *
 * <ul>
 *   <li>{@code recorded}: every destination kept it. The sink returned normally (when one is set), and
 *       the audit appender (obs-logging's {@code ObsAuditAppender}) reported it written through
 *       {@link AuditReceipt}, or, with a backend that reports nothing, the logger took it at INFO;
 *   <li>{@code failed}: the audit appender reported that the record did not reach its file (disk
 *       full, file unopenable, appender not started); a sink, if set, may still have it;
 *   <li>{@code sink_failed}: the sink threw; the audit file has the record;
 *   <li>{@code dropped}: no destination kept it (no sink and the logger disabled, or every
 *       destination failed).
 * </ul>
 *
 * <pre>{@code
 * AuditWriter<SecurityAuditEvent> writer = AuditWriter.create(obs, "obs.audit.security",
 *         SecurityCatalogue.AUDIT_EVENTS, SecurityCatalogue.OUTCOME, sink,
 *         "SecurityAudit.builder(...).sink(...)");
 * boolean recorded = writer.write(event);
 * health.register("audit_security", Duration.ofSeconds(1), writer.healthCheck());
 * }</pre>
 *
 * <p>A record lost to a full file system (the appender's report or the sink's exception saying
 * "No space left on device") is also counted in {@code system_errors_total{type="disk_full"}}.
 *
 * <p>Audit events are records, not telemetry: nothing here samples, batches or drops them, and the
 * sink is called synchronously on the recording thread. {@link #write} never throws; it answers
 * whether the event was recorded. The first event of a run of failures is logged at ERROR (its reason
 * masked), the rest are only counted until an event is recorded again, which is logged at WARN;
 * {@link #healthCheck()} is DOWN for as long as the last event was not recorded.
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
    private final String series;
    private final Counter recorded;
    private final Counter failed;
    private final Counter sinkFailed;
    private final Counter dropped;
    private final SystemErrors systemErrors;
    /** Events not recorded since the last recorded one; 0 while healthy. */
    private final AtomicLong failing = new AtomicLong();

    private volatile @Nullable Instant failingSince;
    private volatile String lastFailure = "";

    AuditWriter(
            Observability obs, Logger audit, ObsMeter events, ObsLabel outcome, @Nullable AuditSink<? super E> sink) {
        this.obs = obs;
        this.audit = audit;
        this.sink = sink;
        this.series = events.prometheusName() + "{" + outcome.asString() + "=\"";
        this.recorded = outcome(events, outcome, "recorded");
        this.failed = outcome(events, outcome, "failed");
        this.sinkFailed = outcome(events, outcome, "sink_failed");
        this.dropped = outcome(events, outcome, "dropped");
        this.systemErrors = ModuleKit.of(obs).systemErrors();
    }

    /**
     * A writer to the logger {@code loggerName} and to {@code sink} (null: the logger only), counting
     * outcomes on the counter {@code events} under the label {@code outcome}.
     *
     * @param <E> the event type
     * @param obs the Observability whose faults and logging the writer uses
     * @param loggerName the audit logger, e.g. {@code obs.audit.tcpa}
     * @param events the counter of written events
     * @param outcome the label of the counter that says what became of an event
     * @param sink the durable destination, or null
     * @param sinkSetting how a service sets the sink, named in the start-up failure
     * @return the writer
     * @throws IllegalStateException when there is no sink and the logger is disabled at INFO, so that
     *     every event would be lost
     */
    public static <E extends AuditEvent> AuditWriter<E> create(
            Observability obs,
            String loggerName,
            ObsMeter events,
            ObsLabel outcome,
            @Nullable AuditSink<? super E> sink,
            String sinkSetting) {
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

    /**
     * Logs {@code event}, hands it to the sink and counts the outcome. Never throws.
     *
     * @param event the event to write
     * @return true when the event was {@code recorded}, false when it failed, its sink failed or it was dropped
     */
    public boolean write(E event) {
        Logged logged = log(event);
        String sinkFailure = null;
        AuditSink<? super E> target = sink;
        if (target != null) {
            try {
                target.write(event);
            } catch (Throwable e) { // the user's sink: anything but a VirtualMachineError is counted, not thrown
                Faults.rethrowIfFatal(e);
                systemErrors.count(e); // a full disk under the sink: system_errors_total{type="disk_full"}
                String message = Causes.message(e, obs.masker()::mask);
                sinkFailure = "the sink " + target.getClass().getName() + " threw "
                        + e.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
            }
        }
        if (logged.failure != null) { // the audit appender reported the record missing from its file
            systemErrors.countWriteFailure(logged.failure);
            if (sinkFailure != null) {
                dropped.increment();
                return notRecorded("dropped", sinkFailure + ", and " + logged.failure);
            }
            failed.increment();
            return notRecorded("failed", logged.failure);
        }
        if (!logged.kept && (target == null || sinkFailure != null)) {
            dropped.increment();
            return notRecorded("dropped", sinkFailure == null ? logged.why : sinkFailure + ", and " + logged.why);
        }
        if (sinkFailure != null) {
            sinkFailed.increment();
            return notRecorded("sink_failed", sinkFailure);
        }
        recorded.increment();
        long before = failing.getAndSet(0);
        if (before > 0) {
            log.warn(
                    "obs: audit records reach the {} logger and its sink again, after {} not recorded",
                    audit.getName(),
                    before);
        }
        return true;
    }

    /**
     * True while the last event written was not recorded.
     *
     * @return true when the last event was lost
     */
    public boolean failing() {
        return failing.get() > 0;
    }

    /**
     * A ready-made check for {@link io.escalation.obs.core.health.HealthChecks}: DOWN while the last
     * event was not recorded, with how many were not and why the last one was not (masked); UP before
     * the first event and after a recorded one.
     *
     * @return a check that is UP while events are recorded
     */
    public HealthCheck healthCheck() {
        return () -> {
            long count = failing.get();
            if (count == 0) {
                return HealthResult.up();
            }
            return HealthResult.down(count + " audit record(s) of " + audit.getName() + " not recorded since "
                    + failingSince + ": " + lastFailure);
        };
    }

    private boolean notRecorded(String outcome, String why) {
        String reason = obs.masker().mask(why);
        lastFailure = reason;
        if (failing.getAndIncrement() == 0) {
            failingSince = now();
            log.error(
                    "obs: an audit record of the {} logger was not recorded: {}; counted in {}{}\"},"
                            + " and further failures are only counted until a record is written again",
                    audit.getName(),
                    reason,
                    series,
                    outcome);
        }
        return false;
    }

    private @Nullable Instant now() {
        try {
            return obs.clock().instant();
        } catch (RuntimeException e) { // a broken clock must not hide the failure
            return null;
        }
    }

    /** What the logger did with the event. */
    private static final class Logged {
        static final Logged DISABLED = new Logged(false, null, "the logger is disabled at INFO");
        final boolean kept;
        final @Nullable String failure;
        final String why;

        Logged(boolean kept, @Nullable String failure, String why) {
            this.kept = kept;
            this.failure = failure;
            this.why = why;
        }
    }

    private Logged log(E event) {
        if (!audit.isInfoEnabled()) {
            return Logged.DISABLED;
        }
        AuditReceipt receipt = AuditReceipt.open();
        try {
            LoggingEventBuilder builder = audit.atInfo();
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                if (!LOG_LINE_FIELD.equals(field.getKey())) {
                    builder = builder.addKeyValue(field.getKey(), field.getValue());
                }
            }
            builder.log(event.type());
        } catch (RuntimeException e) { // a logging backend failing: the sink may still keep the record
            return new Logged(false, null, "the logger threw " + e.getClass().getName());
        } finally {
            receipt.close();
        }
        String failure = receipt.failure();
        if (failure != null) {
            return new Logged(
                    false,
                    "the audit appender could not write it (" + failure + ")",
                    "the audit appender could not write it (" + failure + ")");
        }
        return new Logged(true, null, "");
    }

    private Counter outcome(ObsMeter events, ObsLabel label, String outcome) {
        return events.counter().tag(label.asString(), outcome).register(obs.registry());
    }
}
