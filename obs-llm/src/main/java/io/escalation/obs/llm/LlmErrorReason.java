package io.escalation.obs.llm;

import io.escalation.obs.core.label.LabelValue;

/**
 * Why an LLM request failed or was retried: the {@code reason} label of {@code llm_retry_total}
 * and the {@code error.type} attribute of a failed call's span.
 */
public enum LlmErrorReason implements LabelValue {
    /** HTTP 429 or the provider's rate-limit error. */
    RATE_LIMIT("rate_limit"),
    /** No (complete) answer in time. */
    TIMEOUT("timeout"),
    /** HTTP 5xx. */
    SERVER_ERROR("server_error"),
    /** The provider reports it is overloaded (e.g. Anthropic's 529). */
    OVERLOADED("overloaded"),
    /** Connection refused, reset or a TLS failure. */
    CONNECTION("connection"),
    /** The request was rejected as invalid (HTTP 400, context too long). */
    INVALID_REQUEST("invalid_request"),
    /** HTTP 401 / 403. */
    AUTHENTICATION("authentication"),
    /** The provider's safety filter refused the prompt or completion. */
    CONTENT_FILTER("content_filter"),
    /** The answer could not be parsed or failed validation. */
    INVALID_RESPONSE("invalid_response"),
    /** The service refused to spend: the budget is exhausted. */
    BUDGET_EXCEEDED("budget_exceeded"),
    /** The caller gave up, or the call object was closed without an outcome. */
    CANCELLED("cancelled"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    LlmErrorReason(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code reason} label
     */
    @Override
    public String label() {
        return label;
    }
}
