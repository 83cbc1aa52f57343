package io.escalation.obs.tcpa;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.KeyedHash;
import io.escalation.obs.core.health.HealthCheck;
import io.escalation.obs.core.spi.audit.AuditWriter;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.Spans;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compliance audit events for every check decision and opt-out, plus the matching
 * {@link TcpaMetrics} counts. Each event goes to the SLF4J logger {@value #LOGGER} (INFO, one
 * key-value pair per field, so obs-logging can route it to its own appender) and to the
 * {@link ComplianceAuditSink} the service points at durable storage.
 *
 * <pre>{@code
 * ComplianceAudit audit = ComplianceAudit.builder(TcpaMetrics.create(obs))
 *         .consumerIdKey(secrets.bytes("tcpa-audit-key"))     // HMAC-SHA256 key, >= 32 random bytes
 *         .sink(event -> auditTable.insert(event.toJson()))
 *         .build();
 *
 * Instant now = clock.instant();
 * ZoneId zone = ZoneId.of("America/New_York");                 // the zone the decision used
 * if (CallingWindow.standard().contains(now, zone)) {
 *     audit.allowed(TcpaChannel.PHONE, consumer.id(), zone, now);
 * } else {
 *     audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, consumer.id(), zone, now);
 * }
 * }</pre>
 *
 * <p><b>Audit events are records, not telemetry.</b> Unlike metrics and traces they must not be
 * sampled, rate-limited or dropped: route {@value #LOGGER} at INFO to an appender that neither
 * samples nor discards (no async appender with {@code discardingThreshold} above 0 or
 * {@code neverBlock}), and give the sink storage that keeps what it accepted. The library calls the
 * sink synchronously and counts every outcome in {@code tcpa_audit_events_total{outcome}}; with
 * obs-logging's audit appender, {@code recorded} means the record reached the audit file. A service
 * that must not contact anyone while its audit trail is down builds the facade
 * {@link Builder#failClosed(boolean) fail-closed} and contacts only when the returned event is
 * {@link ComplianceAuditEvent#allowed() allowed}.
 *
 * <p>Events never hold a raw phone number, name or consumer id: the consumer is an HMAC-SHA256 of
 * the id under the service's key, so one consumer's events can be correlated, and found again by
 * hashing a known id with the key, without storing the id. Pass the decision's own instant and the
 * zone it used, so that the record shows exactly what the decision saw. The library observes and
 * records; it does not decide compliance. Methods never throw; missing input is recorded as
 * {@code unknown} and counted as a fault, so the record itself is never lost.
 */
public final class ComplianceAudit {

    /** The SLF4J logger name of compliance audit events. */
    public static final String LOGGER = "obs.audit.tcpa";

    static final String UNKNOWN = "unknown";
    static final String NONE = "none";
    private static final String CONSUMER = "consumer";
    private static final int MAX_ID_CHARS = 1024;

    private final TcpaMetrics metrics;
    private final Observability obs;
    private final Faults faults;
    private final KeyedHash consumerHash;
    private final AuditWriter<ComplianceAuditEvent> writer;
    private final boolean failClosed;

    private ComplianceAudit(
            TcpaMetrics metrics, KeyedHash consumerHash, AuditWriter<ComplianceAuditEvent> writer, boolean failClosed) {
        this.metrics = metrics;
        this.obs = metrics.kit().observability();
        this.faults = metrics.kit().faults();
        this.consumerHash = consumerHash;
        this.writer = writer;
        this.failClosed = failClosed;
    }

    /**
     * A builder over {@code metrics}, whose counters the audited methods also increment.
     *
     * @param metrics the TCPA metrics the audited methods count into
     * @return a builder that still needs a consumer id key
     */
    public static Builder builder(TcpaMetrics metrics) {
        return new Builder(Objects.requireNonNull(metrics, "metrics"));
    }

    /**
     * Records an allowed contact and counts it. Never throws. Fail-open (the default), the contact is
     * allowed whatever became of its record (a record not recorded is counted in
     * {@code tcpa_audit_events_total} and turns {@link #healthCheck()} DOWN). {@link Builder#failClosed
     * Fail-closed}, a contact whose allowed record was not recorded is blocked instead: counted as
     * blocked with reason {@code audit_unavailable}, a blocked record is attempted, and that blocked
     * event is returned.
     *
     * @param channel the contact's channel
     * @param consumerId the consumer id, hashed before it is written
     * @param consumerZone the consumer's time zone the window was checked in
     * @param decidedAt when the check was made; null is counted as a fault and the clock's time is used
     * @return the event of the decision: check {@link ComplianceAuditEvent#allowed()} before contacting
     */
    public ComplianceAuditEvent allowed(
            @Nullable TcpaChannel channel,
            @Nullable String consumerId,
            @Nullable ZoneId consumerZone,
            @Nullable Instant decidedAt) {
        ComplianceAuditEvent allowed = check(channel, "allowed", NONE, NONE, consumerId, consumerZone, decidedAt);
        if (!failClosed) {
            metrics.allowed(channel);
            return write(allowed);
        }
        if (writer.write(allowed)) {
            metrics.allowed(channel);
            return allowed;
        }
        return blocked(TcpaReason.AUDIT_UNAVAILABLE, channel, consumerId, consumerZone, decidedAt);
    }

    /**
     * Counts a blocked contact and records its audit event, citing {@code reason}'s rule. Never throws.
     *
     * @param reason the rule that blocked the contact; null is recorded as {@code unknown}
     * @param channel the contact's channel
     * @param consumerId the consumer id, hashed before it is written
     * @param consumerZone the consumer's time zone the window was checked in
     * @param decidedAt when the check was made; null is counted as a fault and the clock's time is used
     * @return the event as written to the log and the sink
     */
    public ComplianceAuditEvent blocked(
            @Nullable TcpaReason reason,
            @Nullable TcpaChannel channel,
            @Nullable String consumerId,
            @Nullable ZoneId consumerZone,
            @Nullable Instant decidedAt) {
        metrics.blocked(reason, channel);
        return write(check(
                channel,
                "blocked",
                reason == null ? UNKNOWN : reason.label(),
                reason == null ? UNKNOWN : reason.citation(),
                consumerId,
                consumerZone,
                decidedAt));
    }

    /**
     * Counts an opt-out (consent revocation) request and records its audit event with the deadline
     * {@code deadlines} gives it. Never throws.
     *
     * @param channel the channel the request came through
     * @param consumerId the consumer id, hashed before it is written
     * @param receivedAt when the request was received; null is counted as a fault and the clock's time is
     *     used
     * @param deadlines the business-day calendar the deadline is computed with
     * @return the event as written to the log and the sink
     */
    public ComplianceAuditEvent optOutReceived(
            @Nullable TcpaChannel channel,
            @Nullable String consumerId,
            @Nullable Instant receivedAt,
            @Nullable OptOutDeadlines deadlines) {
        metrics.optOut(channel);
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        // the clock, the consumer hash, the calendar: what throws is counted and the record keeps what was gathered
        faults.guard(TcpaCatalogue.AUDIT_EVENTS, () -> {
            Instant at = instant(receivedAt);
            head(
                    fields,
                    "tcpa_opt_out",
                    at,
                    channel,
                    "opt_out_received",
                    TcpaReason.OPT_OUT.label(),
                    TcpaReason.OPT_OUT.citation(),
                    consumerId);
            if (deadlines == null) {
                fault(FaultReason.NULL_VALUE);
                fields.put("deadline_time_zone", UNKNOWN);
                fields.put("last_day_to_honour", UNKNOWN);
                fields.put("deadline", UNKNOWN);
            } else {
                fields.put("deadline_time_zone", deadlines.zone().getId());
                try {
                    fields.put(
                            "last_day_to_honour", deadlines.lastDayToHonour(at).toString());
                    fields.put("deadline", DateTimeFormatter.ISO_INSTANT.format(deadlines.deadline(at)));
                } catch (DateTimeException e) { // an instant no local date can hold
                    fault(FaultReason.RECORDING_FAILED);
                    fields.putIfAbsent("last_day_to_honour", UNKNOWN);
                    fields.put("deadline", UNKNOWN);
                }
            }
            trace(fields);
        });
        return write(event(fields));
    }

    /**
     * A ready-made check for {@code HealthChecks}: DOWN while the last compliance record was not
     * recorded (audit file not written, sink failed), with why.
     *
     * <pre>{@code
     * health.register("audit_tcpa", Duration.ofSeconds(1), audit.healthCheck());
     * }</pre>
     *
     * @return a check that is UP while compliance records are written
     */
    public HealthCheck healthCheck() {
        return writer.healthCheck();
    }

    private ComplianceAuditEvent check(
            @Nullable TcpaChannel channel,
            String decision,
            String reason,
            String rule,
            @Nullable String consumerId,
            @Nullable ZoneId zone,
            @Nullable Instant decidedAt) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        // the clock, the consumer hash, the zone's rules: what throws is counted and the record keeps what was gathered
        faults.guard(TcpaCatalogue.AUDIT_EVENTS, () -> {
            Instant at = instant(decidedAt);
            head(fields, "tcpa_check", at, channel, decision, reason, rule, consumerId);
            if (zone == null) {
                fault(FaultReason.NULL_VALUE);
                fields.put("consumer_time_zone", UNKNOWN);
                fields.put("consumer_local_time", UNKNOWN);
            } else {
                fields.put("consumer_time_zone", zone.getId());
                fields.put("consumer_local_time", localTime(at, zone));
            }
            trace(fields);
        });
        return event(fields);
    }

    /** {@code at} in {@code zone}, or {@code unknown} (counted) for an instant no local date-time can hold. */
    private String localTime(Instant at, ZoneId zone) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(at, zone));
        } catch (DateTimeException e) {
            fault(FaultReason.RECORDING_FAILED);
            return UNKNOWN;
        }
    }

    private void head(
            LinkedHashMap<String, String> fields,
            String event,
            Instant at,
            @Nullable TcpaChannel channel,
            String decision,
            String reason,
            String rule,
            @Nullable String consumerId) {
        fields.put("event", event);
        fields.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(at));
        fields.put("service", obs.serviceName());
        fields.put("channel", channel == null ? UNKNOWN : channel.label());
        fields.put("decision", decision);
        fields.put("reason", reason);
        fields.put("rule", rule);
        fields.put("consumer_id_hash", hashConsumer(consumerId));
    }

    private String hashConsumer(@Nullable String consumerId) {
        if (consumerId == null || consumerId.isBlank()) {
            fault(FaultReason.NULL_VALUE);
            return UNKNOWN;
        }
        String id = consumerId;
        if (id.length() > MAX_ID_CHARS) { // no real id is this long; keep hashing cheap
            fault(FaultReason.VALUE_TOO_LARGE);
            id = id.substring(0, MAX_ID_CHARS);
        }
        return consumerHash.hash(CONSUMER, id);
    }

    private Instant instant(@Nullable Instant at) {
        if (at == null) {
            fault(FaultReason.NULL_VALUE);
            return obs.clock().instant();
        }
        return at;
    }

    private static void trace(LinkedHashMap<String, String> fields) {
        String traceId = Spans.currentTraceId();
        if (!traceId.isEmpty()) {
            fields.put("trace_id", traceId);
        }
    }

    private static ComplianceAuditEvent event(LinkedHashMap<String, String> fields) {
        fields.putIfAbsent("event", "tcpa_check");
        return new ComplianceAuditEvent(fields);
    }

    private ComplianceAuditEvent write(ComplianceAuditEvent event) {
        writer.write(event);
        return event;
    }

    private void fault(FaultReason reason) {
        faults.record(TcpaCatalogue.AUDIT_EVENTS, reason);
    }

    /** Builds a {@link ComplianceAudit}; {@link #build()} fails fast on a missing or weak key. */
    public static final class Builder {
        private final TcpaMetrics metrics;
        private byte @Nullable [] consumerIdKey;
        private @Nullable ComplianceAuditSink sink;
        private boolean failClosed;

        private Builder(TcpaMetrics metrics) {
            this.metrics = metrics;
        }

        /**
         * The HMAC-SHA256 key consumer ids are hashed with: at least 32 random bytes from the service's
         * secret store (copied). Required. Keep it stable: a new key makes new hashes, so one
         * consumer's events before and after cannot be correlated.
         *
         * @param key the key bytes from the secret store, copied
         * @return this builder
         */
        public Builder consumerIdKey(byte[] key) {
            this.consumerIdKey = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * The durable destination of every event, besides the {@value ComplianceAudit#LOGGER} logger.
         *
         * @param sink the sink; a write that throws marks the record as lost
         * @return this builder
         */
        public Builder sink(ComplianceAuditSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Whether a contact whose allowed record could not be recorded (audit file not written, sink
         * failed, no destination) is blocked: {@link ComplianceAudit#allowed} then answers a blocked
         * event with reason {@code audit_unavailable}, counted in {@code tcpa_checks_total{result="blocked"}}
         * and {@code tcpa_violations_prevented_total{reason="audit_unavailable"}}. Default false
         * (fail-open: the contact is allowed and the missing record counted and alerted on).
         *
         * @param failClosed true to block a contact whose allowed record was lost; default false
         * @return this builder
         */
        public Builder failClosed(boolean failClosed) {
            this.failClosed = failClosed;
            return this;
        }

        /**
         * The audit facade.
         *
         * @return the audit facade
         * @throws IllegalArgumentException when the key is shorter than 32 bytes or does not look random
         * @throws IllegalStateException when no key is set, or when there is no sink and the
         *     {@value ComplianceAudit#LOGGER} logger is disabled at INFO (every event would be lost)
         */
        public ComplianceAudit build() {
            byte[] key = consumerIdKey;
            if (key == null) {
                throw new IllegalStateException("ComplianceAudit needs consumerIdKey(...): at least 32 random bytes"
                        + " from the service's secret store, used to hash consumer ids in audit events");
            }
            KeyedHash hash = KeyedHash.of(key, "ComplianceAudit.consumerIdKey");
            AuditWriter<ComplianceAuditEvent> writer = AuditWriter.create(
                    metrics.kit().observability(),
                    LOGGER,
                    TcpaCatalogue.AUDIT_EVENTS,
                    TcpaCatalogue.OUTCOME,
                    sink,
                    "ComplianceAudit.builder(...).sink(...)");
            return new ComplianceAudit(metrics, hash, writer, failClosed);
        }
    }
}
