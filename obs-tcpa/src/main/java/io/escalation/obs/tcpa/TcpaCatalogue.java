package io.escalation.obs.tcpa;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-tcpa's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class TcpaCatalogue extends ModuleCatalogue {

    /** Label {@code result}: whether a contact check allowed or blocked the contact. */
    public static final Label RESULT = Label.closed("result", "allowed, blocked");
    /** Label {@code channel}: the contact's channel. */
    public static final Label CHANNEL = Label.of("channel", TcpaChannel.class);
    /** Label {@code reason}: why a contact was blocked. */
    public static final Label REASON = Label.of("reason", TcpaReason.class);
    /** Label {@code outcome}: what became of a compliance audit event. */
    public static final Label OUTCOME = Label.closed("outcome", "recorded, failed, sink_failed, dropped");

    /** {@code tcpa_checks_total}: contact checks, by result and channel. */
    public static final Metric CHECKS = Metric.counter("tcpa.checks")
            .help("TCPA / Regulation F contact checks by result and channel")
            .labels(RESULT, CHANNEL)
            .compatibility(
                    "reference architecture: tcpa_checks_total{result}; channel added so that blocked contacts can be compared per channel")
            .build();
    /** {@code tcpa_violations_prevented_total}: contacts a check blocked, by reason and channel. */
    public static final Metric VIOLATIONS_PREVENTED = Metric.counter("tcpa.violations.prevented")
            .help("Contacts blocked by a compliance check, by reason and channel")
            .labels(REASON, CHANNEL)
            .compatibility(
                    "reference architecture: tcpa_violations_prevented_total{reason}; channel added, and reasons do_not_call, no_consent and"
                            + " audit_unavailable (fail-closed audit) added to the reference architecture's time_restriction, frequency_limit and"
                            + " opt_out")
            .build();
    /** {@code tcpa_opt_outs_total}: opt-out and consent revocation requests, by channel. */
    public static final Metric OPT_OUTS = Metric.counter("tcpa.opt.outs")
            .help("Opt-out and consent revocation requests received, by channel")
            .labels(CHANNEL)
            .build();
    /** {@code tcpa_opt_out_requests_pending}: opt-out requests not yet honoured. */
    public static final Metric OPT_OUT_PENDING = Metric.gauge("tcpa.opt.out.requests.pending")
            .help("Opt-out requests received and not yet honoured, as last reported by the service")
            .build();
    /** {@code tcpa_opt_out_oldest_pending_age_seconds}: age of the oldest pending opt-out request. */
    public static final Metric OPT_OUT_OLDEST_AGE = Metric.gauge("tcpa.opt.out.oldest.pending.age")
            .unit("seconds")
            .help("Age of the oldest pending opt-out request (0 when none is pending)")
            .compatibility(
                    "not in the reference architecture, whose pending count alone cannot show a request nearing its 10-business-day deadline")
            .build();
    /** {@code tcpa_opt_out_requests_overdue}: pending opt-out requests past their deadline. */
    public static final Metric OPT_OUT_OVERDUE = Metric.gauge("tcpa.opt.out.requests.overdue")
            .help("Pending opt-out requests past their deadline (10 business days after the day of receipt)")
            .compatibility("not in the reference architecture: what an alert on opt-out handling should fire on")
            .build();
    /** {@code tcpa_opt_out_requests_due_soon}: pending opt-out requests due within 3 business days. */
    public static final Metric OPT_OUT_DUE_SOON = Metric.gauge("tcpa.opt.out.requests.due.soon")
            .help("Pending opt-out requests not yet overdue whose deadline is at most 3 business days away"
                    + " (from the start of the 8th business day after receipt)")
            .compatibility("not in the reference architecture: early warning before tcpa_opt_out_requests_overdue")
            .build();
    /** {@code tcpa_frequency_limit_hits_total}: contacts that used up a consumer's call-frequency allowance. */
    public static final Metric FREQUENCY_LIMIT_HITS = Metric.counter("tcpa.frequency.limit.hits")
            .help("Contacts that used up a consumer's allowance under the call-frequency limit")
            .compatibility(
                    "the reference architecture's tcpa_contact_attempts_today{customer_id,channel} is not exposed: a customer_id label is a"
                            + " PII leak and a cardinality bomb; attempts per consumer are in the compliance audit events,"
                            + " keyed by an HMAC-SHA256 of the consumer id")
            .build();
    /** {@code tcpa_audit_events_total}: compliance audit events, by outcome. */
    public static final Metric AUDIT_EVENTS = Metric.counter("tcpa.audit.events")
            .help("Compliance audit events by outcome: recorded (every destination kept it: the sink returned and the"
                    + " audit file appender wrote it), failed (the audit file appender could not write it), sink_failed"
                    + " (the sink threw; the audit file has it), dropped (no destination kept it)")
            .labels(OUTCOME)
            .compatibility("not in the reference architecture: a failing audit sink must be alertable")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public TcpaCatalogue() {
        super("obs-tcpa");
    }
}
