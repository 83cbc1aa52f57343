package io.escalation.obs.http.servlet;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.trace.Spans;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.Router;
import io.escalation.obs.http.ServerExchange;
import io.escalation.obs.test.Sample;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The filter in a real Jetty 12 (ee10) servlet context under {@code /app}, called by a real java.net.http client. */
class ObsServletFilterTest {

    private static final String CAMPAIGN = "/api/v1/campaigns/{id}";
    private static final String ASYNC = "/api/v1/async/{id}";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Observability obs = Observability.builder()
            .serviceName("test-service")
            .environment("test")
            .jvmMetrics(false)
            .openTelemetry(sdk)
            .build();
    private final HttpMetrics http = HttpMetrics.create(obs);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> seenInServlet = new ConcurrentHashMap<>();
    private final List<String> mdcAroundFilter = new CopyOnWriteArrayList<>();
    /** What the unhandled-error hook received, with the trace id current when it did. */
    private final List<String> unhandled = new CopyOnWriteArrayList<>();

    private final CountDownLatch asyncStarted = new CountDownLatch(1);
    private final CountDownLatch releaseAsync = new CountDownLatch(1);
    private Server server;
    private ServerConnector connector;

    @BeforeEach
    void start() throws Exception {
        Router router =
                http.router(CAMPAIGN, "/api/v1/fail", "/api/v1/oom", ASYNC, "/api/v1/missing/{id}", "/api/v1/timeout");
        io.escalation.obs.core.spi.ModuleKit.of(obs)
                .unhandledErrors()
                .register(error -> unhandled.add(error.getClass().getName() + " " + Spans.currentTraceId()));
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServletContext servletContext = event.getServletContext();
                // outermost: sees the thread's MDC before and after the obs filter, and can hide the HTTP request
                FilterRegistration.Dynamic outer = servletContext.addFilter("outer", outerFilter());
                outer.setAsyncSupported(true);
                outer.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
                // the registration docs/http.md shows
                FilterRegistration.Dynamic registration =
                        servletContext.addFilter("obs", ObsServletFilter.create(http, router));
                registration.setAsyncSupported(true);
                registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            }
        });
        ServletHolder app = new ServletHolder(new AppServlet());
        app.setAsyncSupported(true);
        context.addServlet(app, "/*");
        context.addServlet(new ServletHolder(new PlainServlet()), "/plain/*");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        releaseAsync.countDown();
        server.stop();
        obs.close();
        sdk.close();
    }

    private Filter outerFilter() {
        return (request, response, chain) -> {
            mdcAroundFilter.add("before:" + MDC.get(ServerExchange.MDC_KEY));
            boolean plain = ((HttpServletRequest) request).getRequestURI().startsWith("/app/plain/");
            chain.doFilter(plain ? new ServletRequestWrapper(request) : request, response);
            mdcAroundFilter.add("after:" + MDC.get(ServerExchange.MDC_KEY));
        };
    }

    /** Routes by path inside the context; service() directly, so that any method reaches it. */
    private final class AppServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo();
            seenInServlet.put("request_id", String.valueOf(MDC.get(ServerExchange.MDC_KEY)));
            seenInServlet.put("trace_id", Spans.currentTraceId());
            if (path.equals("/api/v1/fail")) {
                throw new IllegalStateException("database down for jane.doe@example.com");
            }
            if (path.equals("/api/v1/oom")) {
                long[] huge = new long[Integer.MAX_VALUE]; // the JVM throws a real OutOfMemoryError
                response.setContentLength(huge.length);
            }
            if (path.startsWith("/api/v1/async/")) {
                AsyncContext async = request.startAsync();
                boolean slow = path.endsWith("/slow");
                Thread worker = new Thread(
                        () -> {
                            if (slow) {
                                asyncStarted.countDown();
                                await(releaseAsync);
                            }
                            HttpServletResponse asyncResponse = (HttpServletResponse) async.getResponse();
                            asyncResponse.setStatus(202);
                            write(asyncResponse, "accepted");
                            async.complete();
                        },
                        "async-worker");
                worker.start();
                return;
            }
            if (path.equals("/api/v1/timeout")) {
                request.startAsync().setTimeout(100); // never completed: the container times it out
                return;
            }
            if (path.startsWith("/api/v1/spring/")) {
                // what Spring MVC's DispatcherServlet leaves once a handler mapping matched
                String pattern = request.getParameter("pattern");
                request.setAttribute(ObsServletFilter.SPRING_BEST_MATCHING_PATTERN, pattern);
                if (pattern.equals("/**")) {
                    response.sendError(404); // Spring's resource handler found no file
                    return;
                }
                if (path.endsWith("/fail")) {
                    throw new IllegalStateException("handler failed");
                }
                write(response, "ok");
                return;
            }
            if (path.startsWith("/api/v1/missing/")) {
                response.sendError(404);
                return;
            }
            boolean known = path.startsWith("/api/v1/campaigns/") || path.startsWith("/health/");
            if (!known) {
                response.sendError(404);
                return;
            }
            write(response, "ok");
        }
    }

    /** A servlet for requests that reach the chain as plain, non-HTTP ServletRequests. */
    private static final class PlainServlet extends GenericServlet {
        private static final long serialVersionUID = 1L;

        @Override
        public void service(ServletRequest request, ServletResponse response) throws IOException {
            response.getOutputStream().write("plain".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void routedRequestIsRecordedUnderItsTemplateWithoutTheContextPathOrRawPath() throws Exception {
        HttpResponse<String> response = get("/app/api/v1/campaigns/8812?customer=jane.doe%40example.com", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThatScrape(obs.prometheusText())
                .hasSample(
                        "http_requests_total",
                        1,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "status",
                        "200")
                .hasSample(
                        "http_request_duration_seconds_count", 1, "endpoint", "/api/v1/campaigns/{id}", "method", "GET")
                .hasSample("http_requests_in_flight", 0)
                .hasNoSample("http_errors_total")
                .hasNoPiiInLabels()
                .hasNoInstrumentationErrors();
        assertThat(obs.prometheusText())
                .doesNotContainPattern("\\{[^}]*8812")
                .doesNotContain("customer")
                .doesNotContain("/app");
    }

    @Test
    void serverSpanHasTheSemanticConventionAttributesAndIsCurrentInTheServlet() throws Exception {
        get("/app/api/v1/campaigns/1", null);

        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("GET /api/v1/campaigns/{id}");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                .isEqualTo("GET");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo(CAMPAIGN);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.scheme")))
                .isEqualTo("http");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(seenInServlet.get("trace_id")).isEqualTo(span.getTraceId());
    }

    @Test
    void incomingTraceparentBecomesTheParentOfTheServerSpan() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpRequest request = HttpRequest.newBuilder(uri("/app/api/v1/campaigns/1"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .build();
        client.send(request, HttpResponse.BodyHandlers.ofString());

        SpanData span = onlySpan();
        assertThat(span.getTraceId()).isEqualTo(traceId);
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(seenInServlet.get("trace_id")).isEqualTo(traceId);
    }

    @Test
    void unroutedPathIsUnknownOrNotFoundWithoutThePath() throws Exception {
        assertThat(get("/app/health/8812", null).statusCode()).isEqualTo(200);
        assertThat(get("/app/admin/users/jane.doe@example.com/export", null).statusCode())
                .isEqualTo(404);

        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", "UNKNOWN", "method", "GET", "status", "200")
                .hasSample("http_requests_total", 1, "endpoint", "NOT_FOUND", "method", "GET", "status", "404")
                .hasNoSample("http_errors_total")
                .hasNoPiiInLabels();
        assertThat(obs.prometheusText())
                .doesNotContain("health")
                .doesNotContainPattern("\\{[^}]*8812")
                .doesNotContain("admin")
                .doesNotContain("jane");
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("GET", "GET");
    }

    @Test
    void theRouteSpringMvcMatchedWinsOverTheRouterAndItsCatchAllIsNoRoute() throws Exception {
        String orders = "/api/v1/orders/{orderId}/items/{itemId}";
        assertThat(get("/app/api/v1/spring/orders/55/items/9?pattern=" + encode(orders), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/app/api/v1/spring/fail?pattern=" + encode("/api/v1/spring/fail"), null)
                        .statusCode())
                .isEqualTo(500);
        assertThat(get("/app/api/v1/spring/favicon.ico?pattern=" + encode("/**"), null)
                        .statusCode())
                .isEqualTo(404);

        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", orders, "method", "GET", "status", "200")
                .hasSample("http_errors_total", 1, "endpoint", "/api/v1/spring/fail", "method", "GET", "status", "500")
                .hasSample("http_requests_total", 1, "endpoint", "NOT_FOUND", "method", "GET", "status", "404")
                .hasNoPiiInLabels()
                .hasNoInstrumentationErrors();
        assertThat(spans.getFinishedSpanItems())
                .extracting(SpanData::getName)
                .containsExactly("GET " + orders, "GET /api/v1/spring/fail", "GET");
        assertThat(obs.prometheusText()).doesNotContain("favicon").doesNotContain("/**");
    }

    @Test
    void aRawPathInSpringsPatternAttributeIsRedactedAndCounted() throws Exception {
        String raw = "/api/v1/spring/customers/jane.doe@example.com?ssn=123-45-6789";
        assertThat(get("/app/api/v1/spring/x?pattern=" + encode(raw), null).statusCode())
                .isEqualTo(200);

        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", "redacted", "method", "GET", "status", "200")
                .hasInstrumentationErrors("http_requests_total", "label_pii", 1)
                .hasNoPiiInLabels();
        assertThat(obs.prometheusText()).doesNotContain("jane").doesNotContain("123-45-6789");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void matchedRouteAnswering404KeepsItsTemplate() throws Exception {
        assertThat(get("/app/api/v1/missing/77", null).statusCode()).isEqualTo(404);

        assertThatScrape(obs.prometheusText())
                .hasSample(
                        "http_requests_total", 1, "endpoint", "/api/v1/missing/{id}", "method", "GET", "status", "404")
                .hasNoSample("http_errors_total");
        assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void throwingServletIsA500ErrorWithTheExceptionOnTheSpanAndIsRethrown() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/app/api/v1/fail"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500); // the container saw the exception and answered 500
        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/fail", "method", "POST", "status", "500")
                .hasSample("http_errors_total", 1, "endpoint", "/api/v1/fail", "method", "POST", "status", "500")
                .hasSample("http_requests_in_flight", 0);
        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(500L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).doesNotContain("jane.doe@example.com");
        assertThat(span.getEvents())
                .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
        // handed to the unhandled-error hook (obs-errors' reporter when present) on the request's thread and trace
        assertThat(unhandled).containsExactly("java.lang.IllegalStateException " + span.getTraceId());
        assertThatScrape(obs.prometheusText())
                .hasSample("system_errors_total", 0, "type", "out_of_memory")
                .hasNoInstrumentationErrors();
    }

    @Test
    void anOutOfMemoryErrorThrownByTheServletIsASystemErrorAndReachesTheHook() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(uri("/app/api/v1/oom")).build();
        HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.lang.OutOfMemoryError");
        assertThat(unhandled).containsExactly("java.lang.OutOfMemoryError " + span.getTraceId());
        assertThatScrape(obs.prometheusText())
                .hasSample("system_errors_total", 1, "type", "out_of_memory")
                .hasSample("system_errors_total", 0, "type", "disk_full")
                .hasSample("http_errors_total", 1, "endpoint", "/api/v1/oom", "method", "GET", "status", "500");
    }

    @Test
    void asyncRequestIsRecordedOnceWhenItCompletesWithItsFinalStatusAndDuration() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
                HttpRequest.newBuilder(uri("/app/api/v1/async/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asyncStarted.await(5, TimeUnit.SECONDS)).isTrue();
        awaitMdcEntries(2); // the servlet and both filters have returned; the request is still open

        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_in_flight", 1)
                .hasNoSample("http_requests_total");
        assertThat(spans.getFinishedSpanItems()).isEmpty();
        long heldNanos = TimeUnit.MILLISECONDS.toNanos(200);
        Thread.sleep(200);
        releaseAsync.countDown();

        HttpResponse<String> response = pending.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("accepted");
        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("GET " + ASYNC);
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(202L);
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isGreaterThanOrEqualTo(heldNanos);
        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/async/{id}", "method", "GET", "status", "202")
                .hasSample("http_request_duration_seconds_count", 1, "endpoint", "/api/v1/async/{id}", "method", "GET")
                .hasSample("http_requests_in_flight", 0)
                .hasNoInstrumentationErrors();
        assertThat(durationSum(ASYNC)).isGreaterThanOrEqualTo(0.2);
        assertThat(mdcAroundFilter).containsExactly("before:null", "after:null");
    }

    @Test
    void asyncRequestsCompletedAtOnceAreEachRecordedOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/app/api/v1/async/" + i, null).statusCode()).isEqualTo(202);
        }

        assertThatScrape(obs.prometheusText())
                .hasSample(
                        "http_requests_total", 20, "endpoint", "/api/v1/async/{id}", "method", "GET", "status", "202")
                .hasSample("http_requests_in_flight", 0);
        assertThat(spans.getFinishedSpanItems()).hasSize(20);
    }

    @Test
    void asyncTimeoutIsRecordedOnceAs500() throws Exception {
        HttpResponse<String> response = get("/app/api/v1/timeout", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/timeout", "method", "GET", "status", "500")
                .hasSample("http_errors_total", 1, "endpoint", "/api/v1/timeout", "method", "GET", "status", "500")
                .hasSample("http_requests_in_flight", 0);
        SpanData span = onlySpan();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos())
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void methodOutsideTheStandardSetIsOther() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/app/api/v1/campaigns/1"))
                .method("PURGE", HttpRequest.BodyPublishers.noBody())
                .build();
        client.send(request, HttpResponse.BodyHandlers.ofString());
        awaitSpans(1);

        assertThatScrape(obs.prometheusText())
                .hasSample("http_requests_total", 1, "method", "_OTHER", "endpoint", CAMPAIGN);
        assertThat(obs.prometheusText()).doesNotContain("PURGE");
    }

    @Test
    void safeIncomingRequestIdIsKeptInTheMdcAndEchoed() throws Exception {
        HttpResponse<String> response = get("/app/api/v1/campaigns/1", "req_789-abc.DEF");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req_789-abc.DEF");
        assertThat(seenInServlet.get("request_id")).isEqualTo("req_789-abc.DEF");
        awaitMdcEntries(2);
        assertThat(mdcAroundFilter).containsExactly("before:null", "after:null");
    }

    @Test
    void unsafeOrMissingRequestIdIsGenerated() throws Exception {
        for (String hostile :
                List.of("jane.doe@example.com", "+14155552671", "a".repeat(65), "id with spaces", "<script>")) {
            HttpResponse<String> response = get("/app/api/v1/campaigns/1", hostile);

            String echoed = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(echoed).as(hostile).matches("[a-z]{24}");
            assertThat(seenInServlet.get("request_id")).isEqualTo(echoed);
        }
        String first = get("/app/api/v1/campaigns/1", null)
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow();
        String second = get("/app/api/v1/campaigns/2", null)
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow();
        assertThat(first).matches("[a-z]{24}").isNotEqualTo(second);
    }

    @Test
    void asyncResponseCarriesTheRequestIdSetBeforeTheChain() throws Exception {
        HttpResponse<String> response = get("/app/api/v1/async/1", "async-id-1");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("async-id-1");
    }

    @Test
    void nonHttpRequestPassesThroughUnrecorded() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/app/plain/1")).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("plain");
        assertThat(response.headers().firstValue("X-Request-Id")).isEmpty();
        awaitMdcEntries(2);
        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThatScrape(obs.prometheusText()).hasNoSample("http_requests_total");
    }

    private HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        int ended = spans.getFinishedSpanItems().size();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        awaitSpans(ended + 1); // the filter may record just after the client has its response
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private double durationSum(String endpoint) {
        return assertThatScrape(obs.prometheusText()).samples().stream()
                .filter(s -> s.name().equals("http_request_duration_seconds_sum")
                        && endpoint.equals(s.labels().get("endpoint")))
                .mapToDouble(Sample::value)
                .sum();
    }

    private SpanData onlySpan() {
        awaitSpans(1);
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        return spans.getFinishedSpanItems().get(0);
    }

    private void awaitSpans(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (spans.getFinishedSpanItems().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(spans.getFinishedSpanItems()).as("ended spans").hasSizeGreaterThanOrEqualTo(count);
    }

    private void awaitMdcEntries(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mdcAroundFilter.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(mdcAroundFilter).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void write(HttpServletResponse response, String body) {
        try {
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
