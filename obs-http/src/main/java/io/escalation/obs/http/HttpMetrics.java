package io.escalation.obs.http;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.label.SeriesBudget;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.UnhandledErrors;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * HTTP RED metrics, inbound and outbound. Inbound: {@code http_requests_total{method,endpoint,status}},
 * {@code http_request_duration_seconds{method,endpoint}} (histogram), {@code http_errors_total} (5xx
 * and unhandled exceptions; see {@link ErrorStatuses}) and {@code http_requests_in_flight}, plus a
 * SERVER span and a {@code request_id} in the SLF4J MDC per request. Outbound, per registered peer:
 * {@code http_client_requests_total{peer,method,status}}, {@code http_client_request_duration_seconds}
 * and {@code http_client_errors_total}, plus a CLIENT span.
 *
 * <p>{@code endpoint} is always a route template: raw paths go through a {@link Router}, and a
 * value that looks like a raw path (query string, full URL, numeric or UUID segment) becomes
 * {@code redacted} and is counted in {@code obs_instrumentation_errors_total}. {@code status} is the
 * code for codes of the IANA registry and the class ({@code 2xx}) for other codes. Each request
 * meter has at most {@code LabelPolicy.maxSeriesPerMeter} series: past it new method and status
 * pairs are recorded in an {@code other} series with the status class, counted in
 * {@code obs_label_overflow_total}. Create one instance per {@link Observability} and share it.
 *
 * <p>Each request ended also writes one access-log line on the logger {@code obs.http.access} (the
 * HTTP log category): method, route template, status, {@code duration_ms}, request id and trace id
 * as structured fields, INFO by default, 5xx and exceptions at WARN, with the level and a sampling
 * ratio for successful requests set on the {@link Builder}. An exception escaping the application's
 * handler in {@link HttpServerFilter} or the servlet filter is also handed to the
 * {@code Observability}'s unhandled-error hook, which obs-errors' {@code ErrorReporter} reports to
 * Sentry when it was created on the same {@code Observability}.
 *
 * <pre>{@code
 * HttpMetrics http = HttpMetrics.builder(obs).peers("twilio", "openai", "stripe").build();
 *
 * // JDK HttpServer: one filter does metrics, span, request id
 * Router router = http.router("/api/v1/campaigns", "/api/v1/campaigns/{id}");
 * server.createContext("/", handler).getFilters().add(HttpServerFilter.create(http, router));
 *
 * // any framework: start an exchange, end it with a status or an exception
 * ServerExchange exchange = http.start(request.method(), matchedTemplate);
 * try {
 *     ...
 *     exchange.end(201);
 * } catch (RuntimeException e) {
 *     exchange.fail(e);
 *     throw e;
 * }
 *
 * // outbound
 * Peer twilio = http.peer("twilio");
 * HttpResponse<String> sent = twilio.send(client, request, BodyHandlers.ofString());
 * }</pre>
 */
public final class HttpMetrics {

    /** The {@code endpoint} of requests no route template matched. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The {@code endpoint} of 404 responses to requests no route template matched. */
    public static final String NOT_FOUND = "NOT_FOUND";

    static final String INSTRUMENTATION_NAME = "io.escalation.obs.http";

    private final Observability obs;
    private final ModuleKit kit;
    private final Faults faults;
    private final Duration[] serverBuckets;
    private final ErrorStatuses errorStatuses;
    private final SeriesBudget serverBudget;
    private final SeriesTable serverFold;
    private final GuardedLabel<Route> routes;
    private final Route unmatched;
    private final Route redacted;
    private final Map<String, Peer> peers;
    private final LongAdder inFlight = new LongAdder();
    private final Tracer tracer;
    private final AccessLog accessLog;
    private final UnhandledErrors unhandledErrors;

    private HttpMetrics(Builder builder) {
        this.obs = builder.obs;
        this.kit = ModuleKit.of(obs);
        this.faults = kit.faults();
        this.serverBuckets = builder.serverBuckets;
        this.errorStatuses = builder.errorStatuses;
        this.accessLog =
                new AccessLog(builder.accessLogLevel, builder.accessLogServerErrorLevel, builder.accessLogSampling);
        this.unhandledErrors = kit.unhandledErrors();
        // first, so that a cap too small for the peers fails before anything is registered
        this.serverBudget =
                kit.labels().seriesBudget(HttpCatalogue.REQUESTS, HttpCatalogue.ENDPOINT, SeriesTable.FOLD_SLOTS);
        SeriesBudget clientBudget = kit.labels()
                .seriesBudget(
                        HttpCatalogue.CLIENT_REQUESTS,
                        HttpCatalogue.CLIENT_STATUS,
                        SeriesTable.FOLD_SLOTS * builder.peers.size());
        if (obs.registry().find(HttpCatalogue.IN_FLIGHT.getName()).gauge() != null) {
            throw new IllegalStateException("HttpMetrics already exists on this registry through another"
                    + " Observability: build one Observability per registry and share it");
        }
        HttpCatalogue.IN_FLIGHT
                .gauge(inFlight, LongAdder::sum)
                .strongReference(true)
                .register(obs.registry());
        this.tracer = obs.openTelemetry().getTracer(INSTRUMENTATION_NAME);
        this.serverFold = new SeriesTable(
                kit, SeriesTable.Kind.SERVER, LabelPolicy.OTHER, serverBuckets, errorStatuses, serverBudget, null);
        this.routes = kit.labels().guard(HttpCatalogue.REQUESTS, HttpCatalogue.ENDPOINT, this::newRoute);
        this.unmatched =
                new Route(UNKNOWN, table(UNKNOWN), faults, new Route(NOT_FOUND, table(NOT_FOUND), faults, null));
        this.redacted = routes.resolve(LabelPolicy.REDACTED);
        Map<String, Peer> byName = new LinkedHashMap<>();
        for (String name : builder.peers) {
            byName.put(
                    name,
                    new Peer(
                            this,
                            name,
                            new SeriesTable(
                                    kit,
                                    SeriesTable.Kind.CLIENT,
                                    name,
                                    builder.clientBuckets,
                                    ErrorStatuses.CLIENT_AND_SERVER,
                                    clientBudget,
                                    null)));
        }
        this.peers = Collections.unmodifiableMap(byName);
    }

    /**
     * The HTTP metrics of {@code obs} with the defaults: 5 ms..10 s buckets, 5xx errors, no peers;
     * {@code builder(obs).build()}.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the HTTP metrics of {@code obs}
     * @throws IllegalStateException when {@code obs} has HTTP metrics with other settings already
     */
    public static HttpMetrics create(Observability obs) {
        return builder(obs).build();
    }

    /**
     * A builder for buckets, the error statuses and the outbound peers.
     *
     * @param obs the Observability whose registry holds the meters
     * @return a builder with the defaults
     */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /**
     * The series of {@code template}, guarded once: keep it on hot paths. Null is the unmatched route
     * ({@code UNKNOWN}/{@code NOT_FOUND}); a raw path, query string or URL becomes the
     * {@code redacted} route and is counted as a {@code label_pii} fault. Never throws.
     *
     * @param template the route template, e.g. {@code /api/v1/customers/{id}}
     * @return the route's series
     */
    public Route route(@Nullable String template) {
        if (template == null) {
            return unmatched;
        }
        Route known = routes.known(template);
        if (known != null) {
            return known; // checked when first seen
        }
        if (RouteTemplates.problem(template, kit.labels().policy().maxValueLength()) != null) {
            faults.record(HttpCatalogue.REQUESTS, FaultReason.LABEL_PII);
            return redacted;
        }
        return routes.resolve(
                template, unmatched); // the label guard runs the masker; a refused registration is counted
    }

    /**
     * The route of requests no template matched: {@code UNKNOWN}, or {@code NOT_FOUND} when recorded with
     * 404.
     *
     * @return the unmatched route
     */
    public Route unmatched() {
        return unmatched;
    }

    /**
     * Records one finished request by method name and route template (see {@link #route(String)}).
     * Never throws; allocates nothing for a route seen before. Prefer a kept {@link Route} on hot paths.
     *
     * @param method the request's method name
     * @param routeTemplate the matched route template, or null when none matched
     * @param status the response status code
     * @param nanos the request's duration in nanoseconds
     */
    public void record(@Nullable String method, @Nullable String routeTemplate, int status, long nanos) {
        route(routeTemplate).record(HttpMethod.of(method), status, nanos);
    }

    /**
     * A router over {@code templates}, each resolved to its {@link Route} now.
     *
     * @param templates the route templates, tried in this order
     * @return the router
     * @throws IllegalArgumentException naming the template that is malformed, repeated or looks like a
     *     raw path, or when there are more templates than the label policy admits per label
     */
    public Router router(String... templates) {
        return Router.create(this, kit.labels().policy().maxValuesPerLabel(), templates.clone());
    }

    /**
     * Describes an inbound request before it starts: scheme, incoming request id, parent context. A
     * null method is recorded as {@code _OTHER} and counted as a fault; a null route is the unmatched one.
     *
     * @param method the request's method
     * @param route the matched route, or null until routing is done
     * @return a builder; {@link ServerExchange.Builder#start()} starts the request
     */
    public ServerExchange.Builder server(@Nullable HttpMethod method, @Nullable Route route) {
        return new ServerExchange.Builder(
                this,
                faults.rejectsNull(HttpCatalogue.REQUESTS, method) ? HttpMethod.OTHER : method,
                route == null ? unmatched : route);
    }

    /**
     * Starts an inbound request with a generated request id, scheme {@code http} and the current
     * context as parent; {@code routeTemplate} may be null until routing is done
     * ({@link ServerExchange#route(String)}). Never throws.
     *
     * @param method the request's method name
     * @param routeTemplate the matched route template, or null
     * @return the started request; end it exactly once
     */
    public ServerExchange start(@Nullable String method, @Nullable String routeTemplate) {
        return server(HttpMethod.of(method), route(routeTemplate)).start();
    }

    /**
     * The outbound series of a peer registered with {@link Builder#peers}: look it up once at start-up.
     *
     * @param name the peer name given to {@link Builder#peers}
     * @return the peer's series
     * @throws IllegalArgumentException when {@code name} was not registered (a wiring mistake)
     */
    public Peer peer(String name) {
        Peer peer = peers.get(name);
        if (peer == null) {
            throw new IllegalArgumentException("HttpMetrics: peer '" + name + "' is not registered; registered: "
                    + peers.keySet() + ". Add it with HttpMetrics.builder(obs).peers(...)");
        }
        return peer;
    }

    /**
     * The registered peer names.
     *
     * @return the peer names, in registration order
     */
    public Set<String> peerNames() {
        return peers.keySet();
    }

    Observability obs() {
        return obs;
    }

    Faults faults() {
        return faults;
    }

    Tracer tracer() {
        return tracer;
    }

    TextMapPropagator propagator() {
        return obs.openTelemetry().getPropagators().getTextMapPropagator();
    }

    LongAdder inFlight() {
        return inFlight;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    UnhandledErrors unhandledErrors() {
        return unhandledErrors;
    }

    private Route newRoute(String endpoint) {
        return new Route(endpoint, endpoint.equals(LabelPolicy.OTHER) ? serverFold : table(endpoint), faults, null);
    }

    private SeriesTable table(String endpoint) {
        return new SeriesTable(
                kit, SeriesTable.Kind.SERVER, endpoint, serverBuckets, errorStatuses, serverBudget, serverFold);
    }

    /** Configures {@link HttpMetrics}; {@link #build()} fails with a message naming what to change. */
    public static final class Builder {
        private static final Pattern PEER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
        private static final int MAX_PEERS = 64;

        private final Observability obs;
        private Duration[] serverBuckets = HttpCatalogue.REQUEST_DURATION.timerBuckets();
        private Duration[] clientBuckets = HttpCatalogue.CLIENT_REQUEST_DURATION.timerBuckets();
        private ErrorStatuses errorStatuses = ErrorStatuses.SERVER;
        private final Set<String> peers = new java.util.LinkedHashSet<>();
        private @Nullable Level accessLogLevel = Level.INFO;
        private @Nullable Level accessLogServerErrorLevel = Level.WARN;
        private double accessLogSampling = 1.0;

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /**
         * Buckets of {@code http_request_duration_seconds}; default {@link Buckets#latency()} (5 ms..10 s).
         *
         * @param buckets the bucket bounds, ascending
         * @return this builder
         */
        public Builder durationBuckets(Duration... buckets) {
            this.serverBuckets = checkBuckets("durationBuckets", buckets);
            return this;
        }

        /**
         * Buckets of {@code http_client_request_duration_seconds}; default {@link Buckets#latency()}.
         * LLM calls may want longer ones, e.g. {@code Buckets.millis(100, 250, ..., 30_000, 60_000)}.
         *
         * @param buckets the bucket bounds, ascending
         * @return this builder
         */
        public Builder clientDurationBuckets(Duration... buckets) {
            this.clientBuckets = checkBuckets("clientDurationBuckets", buckets);
            return this;
        }

        /**
         * Which inbound statuses {@code http_errors_total} counts; default {@link ErrorStatuses#SERVER}
         * (5xx).
         *
         * @param errorStatuses the statuses counted as errors
         * @return this builder
         */
        public Builder errorStatuses(ErrorStatuses errorStatuses) {
            this.errorStatuses = Objects.requireNonNull(errorStatuses, "errorStatuses must not be null");
            return this;
        }

        /**
         * The external APIs called, the bounded {@code peer} label: lower-case names such as
         * {@code twilio}, {@code openai}, {@code stripe}. The set is fixed once built.
         *
         * @param names the peer names
         * @return this builder
         */
        public Builder peers(String... names) {
            for (String name : names) {
                if (name == null || !PEER_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("HttpMetrics.peers: '" + name + "' is not a peer name: use 1-32"
                            + " lower-case letters, digits, '_' or '-', starting with a letter, e.g. \"twilio\"");
                }
                peers.add(name);
            }
            if (peers.size() > MAX_PEERS) {
                throw new IllegalArgumentException("HttpMetrics.peers: more than " + MAX_PEERS + " peers; the peer"
                        + " label names external APIs, not hosts or tenants");
            }
            return this;
        }

        /**
         * The level of the access-log line of requests that did not fail on the server (status below
         * 500, no exception); default {@code INFO}. Null writes no line for them. The line is written
         * only when the logger {@code obs.http.access} is enabled at that level.
         *
         * @param level the level, or null for none
         * @return this builder
         */
        public Builder accessLogLevel(@Nullable Level level) {
            this.accessLogLevel = level;
            return this;
        }

        /**
         * The level of the access-log line of a 5xx response or an exception; default {@code WARN}
         * (not ERROR: obs-errors reports the exception itself, and ERROR lines may go to Sentry as
         * well). These lines are never sampled. Null writes no line for them.
         *
         * @param level the level, or null for none
         * @return this builder
         */
        public Builder accessLogServerErrorLevel(@Nullable Level level) {
            this.accessLogServerErrorLevel = level;
            return this;
        }

        /**
         * The share of requests with a status below 400 whose access-log line is written, from 0 (none)
         * to 1 (all, the default), drawn at random per request; 4xx and 5xx lines are never sampled.
         * E.g. {@code 0.1} for a busy API whose successes the metrics already count.
         *
         * @param ratio the share logged, 0 to 1
         * @return this builder
         * @throws IllegalArgumentException when {@code ratio} is not between 0 and 1
         */
        public Builder accessLogSampling(double ratio) {
            if (!(ratio >= 0.0 && ratio <= 1.0)) {
                throw new IllegalArgumentException("HttpMetrics.accessLogSampling: give a share from 0 to 1, e.g. 0.1"
                        + " to log one successful request in ten, got " + ratio);
            }
            this.accessLogSampling = ratio;
            return this;
        }

        /**
         * The metrics of {@code obs}: made on the first call, then the same instance for equal settings.
         *
         * @return the HTTP metrics of {@code obs}
         * @throws IllegalStateException when {@code obs} has HTTP metrics with other settings already
         */
        public HttpMetrics build() {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("durationBuckets", List.of(serverBuckets));
            settings.put("clientDurationBuckets", List.of(clientBuckets));
            settings.put("errorStatuses", errorStatuses);
            settings.put("peers", Set.copyOf(peers));
            settings.put("accessLogLevel", accessLogLevel);
            settings.put("accessLogServerErrorLevel", accessLogServerErrorLevel);
            settings.put("accessLogSampling", accessLogSampling);
            return obs.component(HttpMetrics.class, settings, () -> new HttpMetrics(this));
        }

        private static Duration[] checkBuckets(String setting, Duration... buckets) {
            if (buckets == null || buckets.length == 0 || buckets.length > 30) {
                throw new IllegalArgumentException(
                        "HttpMetrics." + setting + ": give 1 to 30 bucket boundaries," + " e.g. Buckets.latency()");
            }
            Duration[] copy = buckets.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == null
                        || copy[i].isNegative()
                        || copy[i].isZero()
                        || (i > 0 && copy[i].compareTo(copy[i - 1]) <= 0)) {
                    throw new IllegalArgumentException("HttpMetrics." + setting + ": boundaries must be positive and"
                            + " strictly increasing, got " + Arrays.toString(copy));
                }
            }
            return copy;
        }
    }
}
