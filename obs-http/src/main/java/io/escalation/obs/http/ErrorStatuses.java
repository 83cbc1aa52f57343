package io.escalation.obs.http;

/**
 * Which inbound response statuses {@code http_errors_total} counts. Unhandled exceptions are
 * always errors (they are recorded as status 500).
 *
 * <pre>{@code
 * HttpMetrics http = HttpMetrics.builder(obs).errorStatuses(ErrorStatuses.CLIENT_AND_SERVER).build();
 * }</pre>
 */
public enum ErrorStatuses {
    /**
     * 5xx only (the default): a 4xx is the client's mistake, not a failure of the service, as in the
     * OpenTelemetry HTTP server conventions. Watch 4xx through {@code http_requests_total{status=~"4.."}}.
     */
    SERVER(500),
    /** 4xx and 5xx: for services whose clients are their own front ends, where a 4xx means a bug. */
    CLIENT_AND_SERVER(400);

    private final int fromCode;

    ErrorStatuses(int fromCode) {
        this.fromCode = fromCode;
    }

    /** True when {@code slot} (see {@link Statuses}) is an error under this policy. */
    boolean isError(int slot) {
        int code = Statuses.code(slot);
        return code < 0 || code >= fromCode;
    }
}
