package io.escalation.obs.security;

import io.escalation.obs.core.label.LabelValue;

/** Why a request was refused: the {@code reason} label of {@code security_blocked_requests_total}. */
public enum BlockReason implements LabelValue {
    /** Input recognised as an attack (injection, traversal, oversized payload). */
    MALICIOUS_INPUT("malicious_input"),
    /** The client is on a block list. */
    BLOCKLISTED_CLIENT("blocklisted_client"),
    /** A missing, expired, forged or revoked token. */
    INVALID_TOKEN("invalid_token"),
    /** The account is locked. */
    ACCOUNT_LOCKED("account_locked"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    BlockReason(String label) {
        this.label = label;
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
}
