package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.http.HttpMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One Spring MVC request observed the way Spring Boot observes it, without obs ({@link #bootObservation}) and with
 * obs-spring-boot's handler that records obs's {@code http_*} series from the same observation
 * ({@link #obsObservation}), rotating over eight routes and statuses. Their difference is what obs adds to a
 * request of a Boot application.
 *
 * <p>Per request, as Spring's {@code ServerHttpObservationFilter} does: a {@link ServerRequestObservationContext} for
 * the request and response, an observation of {@code http.server.requests} under Spring's default convention
 * (Boot's), started, its scope open while the handler runs (there Spring MVC's handler mapping sets the matched path
 * pattern on the context, and the handler the status), then stopped. The {@link ObservationRegistry} holds Micrometer's
 * {@link DefaultMeterObservationHandler} on a {@link PrometheusMeterRegistry}, as Boot's meter handler (left out,
 * the same in both: Boot's composite around the meter handler and its properties' predicate). With obs, the registry
 * also holds obs-spring-boot's {@code ServerRequestObservations}, made as {@code ObsHttpObservationAutoConfiguration}
 * makes it from the {@link HttpMetrics} of an {@link Observability} on the same meter registry. No tracing bridge,
 * and the access log off (the benchmarks' logback logs nothing); the request carries no {@code X-Request-Id}, so obs
 * generates one. The request and response are spring-test's plain servlet objects, one pair per route, made once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObservationHttpBench {

    private static final int MASK = BenchInputs.SERIES - 1;

    /** Requests observed in {@link #setUp(BenchmarkParams)} before JMH's own warm-up. */
    static final int WARM_UP_REQUESTS = 200_000;

    /** The methods of the eight requests, one per route of {@link HttpBench#ROUTES}. */
    static final String[] METHODS = {"GET", "GET", "POST", "GET", "POST", "GET", "PUT", "GET"};

    /** Their paths: the routes with their variables filled in. */
    static final String[] PATHS = {
        "/api/v1/campaigns", "/api/v1/campaigns/42", "/api/v1/campaigns/42/tasks", "/api/v1/tasks/7",
        "/api/v1/payments", "/api/v1/payments/981", "/api/v1/contacts/3", "/api/v1/agents/12/calls",
    };

    /** Their statuses: mostly answered, a created, a client error and a server error. */
    static final int[] STATUSES = {200, 200, 201, 200, 201, 404, 400, 500};

    /** The convention Boot gives Spring's filter: the default one, named {@code http.server.requests}. */
    private static final DefaultServerRequestObservationConvention CONVENTION =
            new DefaultServerRequestObservationConvention("http.server.requests");

    private static final DefaultServerRequestObservationConvention DEFAULT_CONVENTION =
            new DefaultServerRequestObservationConvention();

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Observability obs = Observability.builder()
            .serviceName(FacadeBench.SERVICE)
            .environment(FacadeBench.ENVIRONMENT)
            .meterRegistry(meters)
            .jvmMetrics(false)
            .build();
    /** Boot's observations alone. */
    private final ObservationRegistry boot = ObservationRegistry.create();
    /** Boot's observations and obs's handler. */
    private final ObservationRegistry withObs = ObservationRegistry.create();

    private final MockHttpServletRequest[] requests = new MockHttpServletRequest[BenchInputs.SERIES];
    private final MockHttpServletResponse[] responses = new MockHttpServletResponse[BenchInputs.SERIES];
    private int next;

    /**
     * Registers every series, then warms up the measured path (only that one: the other registry's handlers stay out
     * of its profile) with {@value #WARM_UP_REQUESTS} requests: the gate's three one-second warm-up iterations leave
     * this path, Spring's and Micrometer's observation machinery besides the meters, still being compiled on a loaded
     * 2-core machine
     * (seen: 12-130 us per request through the warm-up iterations and up to 44 us in the measured ones, at load 5).
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        setUp();
        ObservationRegistry measured = params.getBenchmark().endsWith(".obsObservation") ? withObs : boot;
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            observe(measured, i & MASK);
        }
    }

    /** Registers every series of both benchmarks. */
    void setUp() {
        boot.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        withObs.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(obsHandler(HttpMetrics.create(obs)));
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            requests[i] = new MockHttpServletRequest(METHODS[i], PATHS[i]);
            responses[i] = new MockHttpServletResponse();
        }
        // every series of both, registered before measuring
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            observe(boot, i);
            observe(withObs, i);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
        meters.close();
    }

    /** Baseline: the request observed by Boot's meter handler alone ({@code http.server.requests}). */
    @Benchmark
    public Observation bootObservation() {
        return observe(boot, next++ & MASK);
    }

    /** The same request with obs's handler also on the registry: obs's {@code http_*} series recorded too. */
    @Benchmark
    public Observation obsObservation() {
        return observe(withObs, next++ & MASK);
    }

    /** The registry of {@link #bootObservation} or {@link #obsObservation}, for the tests. */
    ObservationRegistry registry(boolean withObsHandler) {
        return withObsHandler ? withObs : boot;
    }

    PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Request {@code i} as Spring's {@code ServerHttpObservationFilter} and Spring MVC observe it. */
    @SuppressWarnings("try") // the scope is only closed
    Observation observe(ObservationRegistry registry, int i) {
        MockHttpServletResponse response = responses[i];
        ServerRequestObservationContext context = new ServerRequestObservationContext(requests[i], response);
        Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
                .observation(CONVENTION, DEFAULT_CONVENTION, () -> context, registry)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            // the handler mapping's match, then the handler's answer
            context.setPathPattern(HttpBench.ROUTES[i]);
            response.setStatus(STATUSES[i]);
        }
        observation.stop();
        return observation;
    }

    /**
     * obs-spring-boot's handler, {@code new ServerRequestObservations(http)} as its auto-configuration's bean method
     * makes it: the class is package-private, so its constructor is called reflectively, once.
     */
    @SuppressWarnings("unchecked")
    static ObservationHandler<ServerRequestObservationContext> obsHandler(HttpMetrics http) {
        try {
            Constructor<?> constructor = Class.forName("io.escalation.obs.spring.ServerRequestObservations")
                    .getDeclaredConstructor(HttpMetrics.class);
            constructor.setAccessible(true);
            return (ObservationHandler<ServerRequestObservationContext>) constructor.newInstance(http);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("obs-spring-boot's ServerRequestObservations(HttpMetrics) is missing", e);
        }
    }
}
