package io.escalation.obs.http;

import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-http's metrics and their labels, one declaration each, in catalogue order: inbound RED
 * metrics, requests in flight, outbound client metrics. Found through {@link java.util.ServiceLoader}.
 */
public final class HttpCatalogue extends ModuleCatalogue {

    /** Label {@code method}: the request method; see {@link HttpMethod}. */
    public static final Label METHOD = Label.closed(
            "method", "GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, _OTHER (any other method)");
    /** Label {@code endpoint}: the route template, never the raw path. */
    public static final Label ENDPOINT = Label.open(
            "endpoint",
            "route template such as /api/v1/campaigns/{id}; UNKNOWN (no route matched),"
                    + " NOT_FOUND (no route matched and the status was 404), redacted (a raw path, query string or PII"
                    + " was passed as the route), other (beyond the per-label cap, or past the per-meter series cap: LabelPolicy.maxSeriesPerMeter)");
    /** Label {@code status}: the response status code of an inbound request. */
    public static final Label STATUS = Label.closed(
            "status",
            "response status code registered with IANA (200, 404, 503, ...); any other code in 100 to 599"
                    + " as its class 1xx to 5xx; 1xx to 5xx also in endpoint=\"other\" past the per-meter series cap");
    /** Label {@code peer}: the outbound peer, a name registered with {@code HttpMetrics.Builder.peers(...)}. */
    public static final Label PEER = Label.closed(
            "peer",
            "external API names registered at start-up with HttpMetrics.Builder.peers(...),"
                    + " e.g. twilio, openai, stripe");
    /** Label {@code status}: the outcome of an outbound call. */
    public static final Label CLIENT_STATUS = Label.closed(
            "status",
            "response status code registered with IANA; any other code in 100 to 599 as its class"
                    + " 1xx to 5xx (also method=\"_OTHER\" past the per-meter series cap); TIMEOUT, IO_ERROR or ERROR when no"
                    + " response arrived");

    /** {@code http_requests_total}: inbound requests by method, route template and response status. */
    public static final Metric REQUESTS = Metric.counter("http.requests")
            .help("Inbound HTTP requests by method, route template and response status")
            .labels(METHOD, ENDPOINT, STATUS)
            .build();
    /**
     * {@code http_request_duration_seconds}: inbound request duration by method and route template; default
     * buckets 5 ms..10 s ({@code HttpMetrics.Builder.durationBuckets} replaces them).
     */
    public static final Metric REQUEST_DURATION = Metric.timer("http.request.duration")
            .help("Inbound HTTP request duration by method and route template, from the start of handling to the end"
                    + " of the response")
            .labels(METHOD, ENDPOINT)
            .buckets(Buckets.latency())
            .compatibility(
                    "reference architecture: http_request_duration_seconds{quantile=\"0.5|0.95|0.99\"}, a summary;"
                            + " exposed as a histogram"
                            + " with explicit buckets (5 ms to 10 s by default) so that quantiles aggregate across"
                            + " instances: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))")
            .build();
    /** {@code http_errors_total}: inbound requests that failed (5xx and unhandled exceptions, 4xx when configured). */
    public static final Metric ERRORS = Metric.counter("http.errors")
            .help("Inbound HTTP requests that failed: 5xx responses and unhandled exceptions (4xx too when configured)")
            .labels(METHOD, ENDPOINT, STATUS)
            .build();
    /** {@code http_requests_in_flight}: inbound requests started and not yet ended. */
    public static final Metric IN_FLIGHT = Metric.gauge("http.requests.in.flight")
            .help("Inbound HTTP requests started and not yet ended")
            .build();
    /** {@code http_client_requests_total}: outbound calls to external APIs by peer, method and status. */
    public static final Metric CLIENT_REQUESTS = Metric.counter("http.client.requests")
            .help("Outbound calls to external APIs by peer, method and status")
            .labels(PEER, METHOD, CLIENT_STATUS)
            .compatibility("not in the reference architecture (the issue asks for a bounded 'service' label): the peer"
                    + " label is named 'peer' because 'service' is the common tag naming the calling service")
            .build();
    /**
     * {@code http_client_request_duration_seconds}: outbound call duration by peer and method, failures included;
     * default buckets 5 ms..10 s ({@code HttpMetrics.Builder.clientDurationBuckets} replaces them).
     */
    public static final Metric CLIENT_REQUEST_DURATION = Metric.timer("http.client.request.duration")
            .help("Outbound call duration by peer and method, failures included")
            .labels(PEER, METHOD)
            .buckets(Buckets.latency())
            .compatibility("not in the reference architecture; 'peer' instead of 'service' (the common tag of the"
                    + " calling service)")
            .build();
    /** {@code http_client_errors_total}: outbound calls that failed (4xx, 5xx, timeouts, connection errors). */
    public static final Metric CLIENT_ERRORS = Metric.counter("http.client.errors")
            .help("Outbound calls that failed: 4xx and 5xx responses, timeouts and connection errors")
            .labels(PEER, METHOD, CLIENT_STATUS)
            .compatibility("not in the reference architecture; 'peer' instead of 'service' (the common tag of the"
                    + " calling service)")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public HttpCatalogue() {
        super("obs-http");
    }
}
