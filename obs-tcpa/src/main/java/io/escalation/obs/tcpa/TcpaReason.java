package io.escalation.obs.tcpa;

import io.escalation.obs.core.label.LabelValue;

/**
 * Why a contact was blocked: the {@code reason} label, with the rule a compliance audit event
 * cites for it. The citations name the rules a debt collector answers to; they are records, not
 * legal advice, and the caller's compliance logic decides when each applies.
 */
public enum TcpaReason implements LabelValue {
    /** Outside 8 a.m. to 9 p.m. in the consumer's local time. */
    TIME_RESTRICTION("time_restriction", "47 CFR 64.1200(c)(1); 12 CFR 1006.6(b)(1)"),
    /** The Regulation F call-frequency presumption: 7 calls within 7 consecutive days per debt. */
    FREQUENCY_LIMIT("frequency_limit", "12 CFR 1006.14(b)(2)"),
    /** The consumer opted out or revoked consent (honoured within 10 business days). */
    OPT_OUT("opt_out", "FCC 24-24 (2024 revocation of consent order)"),
    /** The number or consumer is on the company's own do-not-call list. */
    DO_NOT_CALL("do_not_call", "internal do-not-call list"),
    /** No consent on file for this channel. */
    NO_CONSENT("no_consent", "no consent on file"),
    /**
     * The compliance audit trail could not record the decision, and {@link ComplianceAudit} is
     * fail-closed: no contact without its record.
     */
    AUDIT_UNAVAILABLE("audit_unavailable", "compliance audit trail unavailable (fail-closed)");

    private final String label;
    private final String citation;

    TcpaReason(String label, String citation) {
        this.label = label;
        this.citation = citation;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code reason} label
     */
    @Override
    public String label() {
        return label;
    }

    /**
     * The rule an audit event cites, e.g. {@code 12 CFR 1006.14(b)(2)}.
     *
     * @return the rule's citation
     */
    public String citation() {
        return citation;
    }
}
