package io.escalation.obs.security;

import io.escalation.obs.core.label.LabelValue;

/** Kinds of suspicious activity: the {@code type} label of {@code security_suspicious_activity_total}. */
public enum SuspiciousActivity implements LabelValue {
    /** Many failed logins against one account. */
    BRUTE_FORCE("brute_force"),
    /** Leaked credential pairs tried across many accounts. */
    CREDENTIAL_STUFFING("credential_stuffing"),
    /** SQL injection attempt in input. */
    SQL_INJECTION("sql_injection"),
    /** Script injection attempt in input. */
    XSS("xss"),
    /** {@code ../} and similar in paths or file names. */
    PATH_TRAVERSAL("path_traversal"),
    /** Probing which accounts exist. */
    ACCOUNT_ENUMERATION("account_enumeration"),
    /** A revoked or already used token presented again. */
    TOKEN_REUSE("token_reuse"),
    /** Input crafted to override an AI agent's instructions. */
    PROMPT_INJECTION("prompt_injection"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    SuspiciousActivity(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code type} label
     */
    @Override
    public String label() {
        return label;
    }
}
