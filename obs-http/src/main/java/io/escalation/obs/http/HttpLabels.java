package io.escalation.obs.http;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-http's meters. */
public enum HttpLabels implements ObsLabel {
    /** The request method; see {@link HttpMethod}. */
    METHOD("method", "GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, _OTHER (any other method)",
            false),
    /** The route template, never the raw path. */
    ENDPOINT("endpoint", "route template such as /api/v1/campaigns/{id}; UNKNOWN (no route matched),"
            + " NOT_FOUND (no route matched and the status was 404), redacted (a raw path, query string or PII"
            + " was passed as the route), other (beyond the per-label cap, or past the per-meter series cap: LabelPolicy.maxSeriesPerMeter)", true),
    /** The response status code of an inbound request. */
    STATUS("status", "response status code registered with IANA (200, 404, 503, ...); any other code in 100 to 599"
            + " as its class 1xx to 5xx; 1xx to 5xx also in endpoint=\"other\" past the per-meter series cap", false),
    /** The outbound peer: a name registered with {@code HttpMetrics.Builder.peers(...)}. */
    PEER("peer", "external API names registered at start-up with HttpMetrics.Builder.peers(...),"
            + " e.g. twilio, openai, stripe", false),
    /** The outcome of an outbound call. */
    CLIENT_STATUS("status", "response status code registered with IANA; any other code in 100 to 599 as its class"
            + " 1xx to 5xx (also method=\"_OTHER\" past the per-meter series cap); TIMEOUT, IO_ERROR or ERROR when no"
            + " response arrived", false);

    private final LabelSpec spec;

    HttpLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
