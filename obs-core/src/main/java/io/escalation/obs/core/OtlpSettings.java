package io.escalation.obs.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where and how often {@link Observability.Builder#otlp} pushes metrics over OTLP/HTTP (protobuf),
 * e.g. to an OpenTelemetry Collector. Immutable: each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * Observability obs = Observability.builder()
 *         .serviceName("client-escalation-calls")
 *         .environment("production")
 *         .otlp(OtlpSettings.to("http://otel-collector:4318/v1/metrics")
 *                 .interval(Duration.ofSeconds(15)))   // beside the Prometheus scrape
 *         .build();
 * }</pre>
 *
 * <p>The exported series are the scrape's: timers in seconds, the same explicit buckets, cumulative
 * counters, the common tags on every data point; docs/otlp.md maps the OTLP names to the Prometheus
 * names a Collector or Mimir produces. Needs {@code io.micrometer:micrometer-registry-otlp} on the
 * class path.
 */
public final class OtlpSettings {

    /** OTLP/HTTP's path for metrics, added to an endpoint given without a path. */
    static final String METRICS_PATH = "/v1/metrics";
    /** The default interval: the scrape interval of deploy/prometheus/prometheus.yml. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final int GRPC_PORT = 4317;

    private final URI endpoint;
    private final Duration interval;
    private final Map<String, String> headers;
    private final boolean prometheus;

    private OtlpSettings(URI endpoint, Duration interval, Map<String, String> headers, boolean prometheus) {
        this.endpoint = endpoint;
        this.interval = interval;
        this.headers = headers;
        this.prometheus = prometheus;
    }

    /**
     * Export to {@code endpoint}, an OTLP/HTTP address such as {@code http://otel-collector:4318/v1/metrics};
     * one without a path gets {@code /v1/metrics}, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} does.
     *
     * @param endpoint the receiver's address, http or https
     * @return settings with the default interval (15 s), no headers, the Prometheus registry kept
     * @throws IllegalArgumentException when the address cannot be an OTLP/HTTP receiver, saying why
     */
    public static OtlpSettings to(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        try {
            return to(new URI(endpoint.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "OtlpSettings endpoint is not a URI (" + e.getReason() + "): pass an address such as"
                            + " \"http://otel-collector:4318/v1/metrics\"",
                    e);
        }
    }

    /**
     * Export to {@code endpoint}; see {@link #to(String)}.
     *
     * @param endpoint the receiver's address, http or https
     * @return settings with the default interval (15 s), no headers, the Prometheus registry kept
     * @throws IllegalArgumentException when the address cannot be an OTLP/HTTP receiver, saying why
     */
    public static OtlpSettings to(URI endpoint) {
        return new OtlpSettings(
                checkEndpoint(Objects.requireNonNull(endpoint, "endpoint")), DEFAULT_INTERVAL, Map.of(), true);
    }

    /**
     * How often to push, from 1 s to 1 min; default 15 s, Prometheus's scrape interval in deploy/, so that
     * rules over {@code [5m]} see as many points either way.
     *
     * @param interval the push interval
     * @return a copy with this interval
     * @throws IllegalArgumentException when the interval is outside 1 s to 1 min
     */
    public OtlpSettings interval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("OtlpSettings interval " + interval + " is outside 1 s to 1 min: the"
                    + " alert rules' shortest range is 5m, and a longer interval leaves rate() too few points;"
                    + " e.g. .interval(Duration.ofSeconds(15))");
        }
        return new OtlpSettings(endpoint, interval, headers, prometheus);
    }

    /**
     * A header sent with every export, e.g. a receiver's {@code Authorization}; never logged.
     *
     * @param name the header name
     * @param value the header value
     * @return a copy with this header added (replacing one of the same name)
     * @throws IllegalArgumentException when the name is not an HTTP token or the value holds a line break
     */
    public OtlpSettings header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("OtlpSettings header name '" + name + "' is not an HTTP header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("OtlpSettings header " + name + ": the value holds a line break");
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new OtlpSettings(endpoint, interval, Collections.unmodifiableMap(copy), prometheus);
    }

    /**
     * Export over OTLP only, instead of beside the embedded Prometheus registry: no composite registry,
     * and {@link Observability#prometheusText()} and {@code ObsHttpEndpoint}'s {@code start()} throw: there
     * is no scrape to serve.
     *
     * @return a copy without the Prometheus registry
     */
    public OtlpSettings withoutPrometheus() {
        return new OtlpSettings(endpoint, interval, headers, false);
    }

    /**
     * The receiver's address, {@code /v1/metrics} added when it was given without a path.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * How often metrics are pushed.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * The headers sent with every export.
     *
     * @return the headers, unmodifiable
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Whether the embedded Prometheus registry is kept beside the OTLP one.
     *
     * @return false after {@link #withoutPrometheus()}
     */
    public boolean prometheus() {
        return prometheus;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof OtlpSettings other
                && endpoint.equals(other.endpoint)
                && interval.equals(other.interval)
                && headers.equals(other.headers)
                && prometheus == other.prometheus;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, interval, headers, prometheus);
    }

    /** The endpoint, interval and header names; header values may be secrets and are left out. */
    @Override
    public String toString() {
        return "OtlpSettings[endpoint=" + endpoint + ", interval=" + interval + ", headers=" + headers.keySet()
                + ", prometheus=" + prometheus + "]";
    }

    private static URI checkEndpoint(URI uri) {
        String problem = endpointProblem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("OtlpSettings endpoint '" + redacted(uri) + "' " + problem
                    + ": pass an OTLP/HTTP address such as \"http://otel-collector:4318/v1/metrics\"");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + METRICS_PATH);
        }
        return uri;
    }

    private static @Nullable String endpointProblem(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "is not an http or https address (Micrometer exports OTLP over HTTP, not gRPC)";
        }
        if (uri.getRawUserInfo() != null) {
            return "holds credentials: pass them with .header(\"Authorization\", ...) instead";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no host";
        }
        if (uri.getPort() == GRPC_PORT) {
            return "uses 4317, the OTLP/gRPC port; the OTLP/HTTP receiver listens on 4318";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "has a query or fragment";
        }
        return null;
    }

    /** The address without its user-info, which may hold a password. */
    private static String redacted(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
}
