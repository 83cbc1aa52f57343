package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.core.trace.Spans;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The filter on a real JDK HttpServer on loopback, called by a real java.net.http client. */
class HttpServerFilterTest {

    private static final String CAMPAIGN = "/api/v1/campaigns/{id}";

    private final TestObservability test = TestObservability.create();
    private final HttpMetrics http = HttpMetrics.create(test.obs());
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> seenInHandler = new ConcurrentHashMap<>();
    private final List<String> unhandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        Router router = http.router(CAMPAIGN, "/api/v1/fail", "/api/v1/slow");
        io.escalation.obs.core.spi.ModuleKit.of(test.obs())
                .unhandledErrors()
                .register(error -> unhandled.add(error.getClass().getName() + " " + Spans.currentTraceId()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle).getFilters().add(HttpServerFilter.create(http, router));
        server.start();
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.stop(0);
        executor.shutdownNow();
        test.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        seenInHandler.put("request_id", String.valueOf(MDC.get(ServerExchange.MDC_KEY)));
        seenInHandler.put("trace_id", Spans.currentTraceId());
        if (path.equals("/api/v1/fail")) {
            throw new IllegalStateException("database down for jane.doe@example.com");
        }
        if (path.equals("/api/v1/slow")) {
            slowStarted.countDown();
            await(releaseSlow);
        }
        int status = path.startsWith("/api/v1/campaigns/") ? 200 : 404;
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void routedRequestIsRecordedUnderItsTemplateWithASpan() throws Exception {
        HttpResponse<String> response = get("/api/v1/campaigns/8812?customer=jane.doe%40example.com", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatScrape(test)
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
                .hasNoPiiInLabels()
                .hasNoInstrumentationErrors();
        assertThat(test.scrape()).doesNotContainPattern("\\{[^}]*8812").doesNotContain("customer");

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
        assertThat(seenInHandler.get("trace_id")).isEqualTo(span.getTraceId());
    }

    @Test
    void unroutedPathIsNotFoundWithoutThePath() throws Exception {
        HttpResponse<String> response = get("/admin/users/jane.doe@example.com/export", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "NOT_FOUND", "method", "GET", "status", "404")
                .hasNoSample("http_errors_total")
                .hasNoPiiInLabels();
        assertThat(test.scrape()).doesNotContain("admin").doesNotContain("jane");
        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("GET");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isNull();
    }

    @Test
    void throwingHandlerIsA500ErrorWithTheExceptionOnTheSpan() throws Exception {
        // POST: the JDK client retries a GET once when the connection closes without a response
        HttpRequest post = HttpRequest.newBuilder(uri("/api/v1/fail"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThatThrownBy(() -> client.send(post, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        awaitSpans(1);
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/fail", "status", "500")
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
    }

    @Test
    void methodOutsideTheStandardSetIsOther() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/campaigns/1"))
                .method("PURGE", HttpRequest.BodyPublishers.noBody())
                .build();
        client.send(request, HttpResponse.BodyHandlers.ofString());
        awaitSpans(1);

        assertThatScrape(test).hasSample("http_requests_total", 1, "method", "_OTHER", "endpoint", CAMPAIGN);
        assertThat(test.scrape()).doesNotContain("PURGE");
    }

    @Test
    void safeIncomingRequestIdIsKeptInTheMdcAndEchoed() throws Exception {
        HttpResponse<String> response = get("/api/v1/campaigns/1", "req_789-abc.DEF");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req_789-abc.DEF");
        assertThat(seenInHandler.get("request_id")).isEqualTo("req_789-abc.DEF");
    }

    @Test
    void unsafeIncomingRequestIdIsReplaced() throws Exception {
        for (String hostile :
                List.of("jane.doe@example.com", "+14155552671", "a".repeat(65), "id with spaces", "<script>")) {
            HttpResponse<String> response = get("/api/v1/campaigns/1", hostile);

            String echoed = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(echoed).as(hostile).matches("[a-z]{24}");
            assertThat(seenInHandler.get("request_id")).isEqualTo(echoed);
        }
    }

    @Test
    void missingRequestIdIsGeneratedAndTheMdcIsCleanAfterwards() throws Exception {
        HttpResponse<String> first = get("/api/v1/campaigns/1", null);
        HttpResponse<String> second = get("/api/v1/campaigns/2", null);

        String id1 = first.headers().firstValue("X-Request-Id").orElseThrow();
        String id2 = second.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id1).matches("[a-z]{24}").isNotEqualTo(id2);
        // the handler thread's MDC is clean once the filter returns
        List<String> after = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> after.add(String.valueOf(MDC.get(ServerExchange.MDC_KEY))), executor)
                .get(5, TimeUnit.SECONDS);
        assertThat(after).containsOnly("null");
    }

    @Test
    void inFlightCountsRequestsStillBeingHandled() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
                HttpRequest.newBuilder(uri("/api/v1/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatScrape(test).hasSample("http_requests_in_flight", 1);
        releaseSlow.countDown();
        assertThat(pending.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        awaitSpans(1);
        assertThatScrape(test).hasSample("http_requests_in_flight", 0);
    }

    private HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        int spans = test.spans().size();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        awaitSpans(spans + 1); // the filter records after the handler has sent the response
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private SpanData onlySpan() {
        awaitSpans(1);
        assertThat(test.spans()).hasSize(1);
        return test.spans().get(0);
    }

    /** The span ends in the filter, possibly just after the client has its response. */
    private void awaitSpans(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (test.spans().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(test.spans()).as("ended spans").hasSizeGreaterThanOrEqualTo(count);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
