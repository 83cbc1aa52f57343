package io.escalation.obs.tcpa;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-tcpa's meters: the catalogue entries behind {@link TcpaMetrics} and {@link ComplianceAudit}. */
public enum TcpaMeters implements ObsMeter {
    /** {@code tcpa_checks_total{result,channel}}. */
    CHECKS("tcpa.checks", Meter.Type.COUNTER, null,
            "TCPA / Regulation F contact checks by result and channel",
            "seed: tcpa_checks_total{result}; channel added so that blocked contacts can be compared per channel",
            TcpaLabels.RESULT, TcpaLabels.CHANNEL),
    /** {@code tcpa_violations_prevented_total{reason,channel}}. */
    VIOLATIONS_PREVENTED("tcpa.violations.prevented", Meter.Type.COUNTER, null,
            "Contacts blocked by a compliance check, by reason and channel",
            "seed: tcpa_violations_prevented_total{reason}; channel added, and reasons do_not_call, no_consent and"
                    + " audit_unavailable (fail-closed audit) added to the seed's time_restriction, frequency_limit and"
                    + " opt_out",
            TcpaLabels.REASON, TcpaLabels.CHANNEL),
    /** {@code tcpa_opt_outs_total{channel}}. */
    OPT_OUTS("tcpa.opt.outs", Meter.Type.COUNTER, null,
            "Opt-out and consent revocation requests received, by channel", "", TcpaLabels.CHANNEL),
    /** {@code tcpa_opt_out_requests_pending}. */
    OPT_OUT_PENDING("tcpa.opt.out.requests.pending", Meter.Type.GAUGE, null,
            "Opt-out requests received and not yet honoured, as last reported by the service", ""),
    /** {@code tcpa_opt_out_oldest_pending_age_seconds}. */
    OPT_OUT_OLDEST_AGE("tcpa.opt.out.oldest.pending.age", Meter.Type.GAUGE, "seconds",
            "Age of the oldest pending opt-out request (0 when none is pending)",
            "not in seed: the seed's pending count alone cannot show a request nearing its 10-business-day deadline"),
    /** {@code tcpa_opt_out_requests_overdue}. */
    OPT_OUT_OVERDUE("tcpa.opt.out.requests.overdue", Meter.Type.GAUGE, null,
            "Pending opt-out requests past their deadline (10 business days after the day of receipt)",
            "not in seed: what an alert on opt-out handling should fire on"),
    /** {@code tcpa_opt_out_requests_due_soon}. */
    OPT_OUT_DUE_SOON("tcpa.opt.out.requests.due.soon", Meter.Type.GAUGE, null,
            "Pending opt-out requests not yet overdue whose deadline is at most 3 business days away"
                    + " (from the start of the 8th business day after receipt)",
            "not in seed: early warning before tcpa_opt_out_requests_overdue"),
    /** {@code tcpa_frequency_limit_hits_total}. */
    FREQUENCY_LIMIT_HITS("tcpa.frequency.limit.hits", Meter.Type.COUNTER, null,
            "Contacts that used up a consumer's allowance under the call-frequency limit",
            "the seed's tcpa_contact_attempts_today{customer_id,channel} is not exposed: a customer_id label is a"
                    + " PII leak and a cardinality bomb; attempts per consumer are in the compliance audit events,"
                    + " keyed by an HMAC-SHA256 of the consumer id"),
    /** {@code tcpa_audit_events_total{outcome}}. */
    AUDIT_EVENTS("tcpa.audit.events", Meter.Type.COUNTER, null,
            "Compliance audit events by outcome: recorded (every destination kept it: the sink returned and the"
                    + " audit file appender wrote it), failed (the audit file appender could not write it), sink_failed"
                    + " (the sink threw; the audit file has it), dropped (no destination kept it)",
            "not in seed: a failing audit sink must be alertable", TcpaLabels.OUTCOME);

    private final MeterSpec spec;

    TcpaMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
