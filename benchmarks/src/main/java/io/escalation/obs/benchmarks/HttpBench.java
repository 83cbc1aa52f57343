package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.Peer;
import io.escalation.obs.http.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * obs-http's recording paths with every series registered, rotating over eight routes (or peers)
 * as {@link RawMicrometer#timerRecord} rotates over eight timers. Each call records a histogram
 * timer and increments a counter: the floor is {@link #rawRecord}, the same two meters (names,
 * tags, buckets) used directly on a Prometheus registry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpBench {

    private static final int MASK = BenchInputs.SERIES - 1;

    /** Eight route templates: the {@code endpoint} label values. */
    static final String[] ROUTES = {
        "/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/campaigns/{id}/tasks", "/api/v1/tasks/{id}",
        "/api/v1/payments", "/api/v1/payments/{id}", "/api/v1/contacts/{id}", "/api/v1/agents/{id}/calls",
    };

    /** Eight outbound peers. */
    static final String[] PEERS = {"twilio", "openai", "anthropic", "stripe", "sendgrid", "plaid", "qdrant", "crm"};

    private final Observability obs = FacadeBench.newObservability();
    private final HttpMetrics http = HttpMetrics.builder(obs).peers(PEERS).build();
    private final Route[] routes = new Route[BenchInputs.SERIES];
    private final Peer[] peers = new Peer[BenchInputs.SERIES];
    private final PrometheusMeterRegistry raw = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] rawCounters = new Counter[BenchInputs.SERIES];
    private final Timer[] rawTimers = new Timer[BenchInputs.SERIES];
    private int next;

    @Setup
    public void setUp() {
        raw.config().commonTags("service", FacadeBench.SERVICE, "environment", FacadeBench.ENVIRONMENT);
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            routes[i] = http.route(ROUTES[i]);
            routes[i].record(HttpMethod.GET, 200, 0L); // register the series before measuring
            peers[i] = http.peer(PEERS[i]);
            peers[i].record(HttpMethod.POST, 200, 0L);
            rawCounters[i] = Counter.builder("http_requests")
                    .tag("endpoint", ROUTES[i])
                    .tag("method", "GET")
                    .tag("status", "200")
                    .register(raw);
            rawTimers[i] = Timer.builder("http_request_duration")
                    .tag("endpoint", ROUTES[i])
                    .tag("method", "GET")
                    .publishPercentileHistogram(false)
                    .serviceLevelObjectives(Buckets.latency())
                    .register(raw);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
        raw.close();
    }

    /** Floor of {@link #routeRecord}: the raw counter increment and timer record of the same series. */
    @Benchmark
    public void rawRecord() {
        int i = next++;
        rawCounters[i & MASK].increment();
        rawTimers[i & MASK].record(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK], TimeUnit.NANOSECONDS);
    }

    /** A pre-resolved {@link Route}: two array loads, a counter increment and a timer record. */
    @Benchmark
    public void routeRecord() {
        int i = next++;
        routes[i & MASK].record(HttpMethod.GET, 200, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    /** {@code HttpMetrics.record(method, route, status, nanos)}: method switch, template check and guard lookup per call. */
    @Benchmark
    public void routeRecordByName() {
        int i = next++;
        http.record("GET", ROUTES[i & MASK], 200, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    /** A pre-resolved outbound {@link Peer}. */
    @Benchmark
    public void peerRecord() {
        int i = next++;
        peers[i & MASK].record(HttpMethod.POST, 200, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }
}
