package io.escalation.obs.db;

import io.escalation.obs.core.trace.Spans;

/** OpenTelemetry database semantic-convention attribute keys, and what a failure adds to a span. */
final class DbAttributes {

    static final String SYSTEM_NAME = "db.system.name";
    static final String OPERATION_NAME = "db.operation.name";
    static final String COLLECTION_NAME = "db.collection.name";
    static final String RESPONSE_STATUS_CODE = "db.response.status_code";
    static final String ERROR_TYPE = "error.type";

    private DbAttributes() {}

    /**
     * Sets {@code db.response.status_code} (the SQLSTATE, if any) and {@code error.type} on the current span.
     * Never throws: describing the failure must never replace the caller's exception, and neither
     * {@link SqlErrors#firstSqlState} nor {@link Spans#setAttribute} throws.
     */
    static void describeFailure(Spans spans, Throwable error) {
        String state = SqlErrors.firstSqlState(error);
        if (state != null) {
            spans.setAttribute(RESPONSE_STATUS_CODE, state);
        }
        spans.setAttribute(ERROR_TYPE, state != null ? state : error.getClass().getName());
    }
}
