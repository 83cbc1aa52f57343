package io.escalation.obs.security;

import io.escalation.obs.core.label.LabelValue;

/** What a permission check protects: the {@code resource} label of {@code authz_permission_violations_total}. */
public enum SecurityResource implements LabelValue {
    /** Collection campaigns. */
    CAMPAIGNS("campaigns"),
    /** Consumer (debtor) records. */
    CUSTOMERS("customers"),
    /** Contact details and contact history. */
    CONTACTS("contacts"),
    /** Calls and their recordings or transcripts. */
    CALLS("calls"),
    /** Text messages and e-mails. */
    MESSAGES("messages"),
    /** Payments and payment plans. */
    PAYMENTS("payments"),
    /** Agent tasks. */
    TASKS("tasks"),
    /** AI agent configuration. */
    AGENTS("agents"),
    /** Message and script templates. */
    TEMPLATES("templates"),
    /** Reports and exports. */
    REPORTS("reports"),
    /** User accounts and roles. */
    USERS("users"),
    /** System settings. */
    SETTINGS("settings"),
    /** Audit logs. */
    AUDIT_LOGS("audit_logs"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    SecurityResource(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code resource} label
     */
    @Override
    public String label() {
        return label;
    }
}
