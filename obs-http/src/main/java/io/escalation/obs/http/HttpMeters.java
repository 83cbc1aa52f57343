package io.escalation.obs.http;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;

/** obs-http's meters: inbound RED metrics, requests in flight, outbound client metrics. */
public enum HttpMeters implements ObsMeter {
    /** {@code http_requests_total{method,endpoint,status}}. */
    REQUESTS("http.requests", Meter.Type.COUNTER,
            "Inbound HTTP requests by method, route template and response status", "",
            HttpLabels.METHOD, HttpLabels.ENDPOINT, HttpLabels.STATUS),
    /** {@code http_request_duration_seconds{method,endpoint}}. */
    REQUEST_DURATION("http.request.duration", Meter.Type.TIMER,
            "Inbound HTTP request duration by method and route template, from the start of handling to the end"
                    + " of the response",
            "seed: http_request_duration_seconds{quantile=\"0.5|0.95|0.99\"}, a summary; exposed as a histogram"
                    + " with explicit buckets (5 ms to 10 s by default) so that quantiles aggregate across"
                    + " instances: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            HttpLabels.METHOD, HttpLabels.ENDPOINT),
    /** {@code http_errors_total{method,endpoint,status}}. */
    ERRORS("http.errors", Meter.Type.COUNTER,
            "Inbound HTTP requests that failed: 5xx responses and unhandled exceptions (4xx too when configured)",
            "", HttpLabels.METHOD, HttpLabels.ENDPOINT, HttpLabels.STATUS),
    /** {@code http_requests_in_flight}. */
    IN_FLIGHT("http.requests.in.flight", Meter.Type.GAUGE,
            "Inbound HTTP requests started and not yet ended", ""),
    /** {@code http_client_requests_total{peer,method,status}}. */
    CLIENT_REQUESTS("http.client.requests", Meter.Type.COUNTER,
            "Outbound calls to external APIs by peer, method and status",
            "not in the seed (the issue asks for a bounded 'service' label): the peer label is named 'peer'"
                    + " because 'service' is the common tag naming the calling service",
            HttpLabels.PEER, HttpLabels.METHOD, HttpLabels.CLIENT_STATUS),
    /** {@code http_client_request_duration_seconds{peer,method}}. */
    CLIENT_REQUEST_DURATION("http.client.request.duration", Meter.Type.TIMER,
            "Outbound call duration by peer and method, failures included",
            "not in the seed; 'peer' instead of 'service' (the common tag of the calling service)",
            HttpLabels.PEER, HttpLabels.METHOD),
    /** {@code http_client_errors_total{peer,method,status}}. */
    CLIENT_ERRORS("http.client.errors", Meter.Type.COUNTER,
            "Outbound calls that failed: 4xx and 5xx responses, timeouts and connection errors",
            "not in the seed; 'peer' instead of 'service' (the common tag of the calling service)",
            HttpLabels.PEER, HttpLabels.METHOD, HttpLabels.CLIENT_STATUS);

    private final MeterSpec spec;

    HttpMeters(String name, Meter.Type type, String description, String seedDeviation, ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, null, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
