package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The framework-agnostic exchange: what a servlet filter or a Netty handler would call. */
class ServerExchangeTest {

    private final TestObservability test = TestObservability.create();
    private final HttpMetrics http = HttpMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
        MDC.clear();
    }

    @Test
    void routeKnownOnlyAfterDispatchIsSetBeforeTheEnd() {
        ServerExchange exchange = http.start("PATCH", null);
        assertThat(test.obs().prometheusText())
                .contains("http_requests_in_flight{environment=\"test\",service=\"test-service\"} 1.0");
        exchange.route("/api/v1/tasks/{id}").end(200);

        assertThatScrape(test)
                .hasSample(
                        "http_requests_total", 1, "endpoint", "/api/v1/tasks/{id}", "method", "PATCH", "status", "200")
                .hasSample("http_requests_in_flight", 0);
        SpanData span = test.spans().get(0);
        assertThat(span.getName()).isEqualTo("PATCH /api/v1/tasks/{id}");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/api/v1/tasks/{id}");
    }

    @Test
    void withoutSpanRecordsTheMetricsAndLeavesTheFrameworksSpanAloneAndCurrent() {
        try (TracedObservability traced = new TracedObservability()) {
            HttpMetrics tracedHttp = HttpMetrics.create(traced.obs);
            Span framework = traced.sdk
                    .getTracer("framework")
                    .spanBuilder("http post")
                    .setSpanKind(SpanKind.SERVER)
                    .startSpan();
            try (Scope ignored = framework.makeCurrent()) {
                ServerExchange exchange = tracedHttp
                        .server(HttpMethod.POST, tracedHttp.unmatched())
                        .withoutSpan()
                        .start();
                assertThat(Span.current()).isSameAs(framework);
                assertThat(exchange.span().getSpanContext().isValid()).isFalse();
                exchange.route("/api/v1/payments/{id}").end(503);
                assertThat(Span.current()).isSameAs(framework);
            } finally {
                framework.end();
            }

            assertThat(traced.spans()).singleElement().satisfies(span -> {
                assertThat(span.getName()).isEqualTo("http post"); // not renamed
                assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
                        .isNull();
            });
            assertThatScrape(traced.obs.prometheusText())
                    .hasSample(
                            "http_requests_total",
                            1,
                            "endpoint",
                            "/api/v1/payments/{id}",
                            "method",
                            "POST",
                            "status",
                            "503")
                    .hasSample("http_requests_in_flight", 0);
        }
    }

    @Test
    void endingTwiceRecordsOnce() {
        ServerExchange exchange = http.start("GET", "/health");
        exchange.end(200);
        exchange.end(500);
        exchange.fail(new IllegalStateException("late"));

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/health", "status", "200")
                .hasNoSample("http_requests_total", "status", "500")
                .hasSample("http_requests_in_flight", 0);
        assertThat(test.spans()).hasSize(1);
    }

    @Test
    void serverErrorStatusMarksTheSpanWithoutAnException() {
        http.server(HttpMethod.POST, http.route("/api/v1/payments"))
                .scheme("https")
                .start()
                .end(502);

        SpanData span = test.spans().get(0);
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.scheme")))
                .isEqualTo("https");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("502");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThatScrape(test).hasSample("http_errors_total", 1, "endpoint", "/api/v1/payments", "status", "502");
    }

    @Test
    void clientErrorDoesNotMarkTheServerSpan() {
        http.start("POST", "/api/v1/payments").end(400);

        SpanData span = test.spans().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    private static Throwable chain(int depth) {
        Throwable t = new java.net.SocketTimeoutException("read timed out");
        for (int i = 1; i < depth; i++) {
            t = new RuntimeException("wrapped " + i, t);
        }
        return t;
    }

    @Test
    void aCauseChainFourThousandDeepEndsTheExchangeAs500WithoutThrowing() {
        http.start("GET", "/health").fail(chain(4_000));
        http.start("GET", "/health").end(503, chain(4_000));

        assertThatScrape(test)
                .hasSample("http_errors_total", 1, "endpoint", "/health", "status", "500")
                .hasSample("http_errors_total", 1, "endpoint", "/health", "status", "503")
                .hasSample("http_requests_in_flight", 0);
        assertThat(test.spans()).hasSize(2).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
                    .startsWith("java.lang.RuntimeException: wrapped 3999");
        });
    }

    @Test
    void aCauseChainFourThousandDeepFailsAClientCallWithoutThrowing() {
        try (TestObservability client = TestObservability.create()) {
            Peer twilio =
                    HttpMetrics.builder(client.obs()).peers("twilio").build().peer("twilio");
            twilio.start(HttpMethod.POST, "api.twilio.com").fail(chain(4_000));
            twilio.start(HttpMethod.POST, "api.twilio.com").fail(chain(20)); // the timeout is 19 causes down

            assertThatScrape(client)
                    .hasSample("http_client_requests_total", 1, "peer", "twilio", "status", "ERROR")
                    .hasSample("http_client_requests_total", 1, "peer", "twilio", "status", "TIMEOUT");
            assertThat(client.spans())
                    .hasSize(2)
                    .allSatisfy(
                            span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
        }
    }

    @Test
    void failureWithoutAnExceptionIsCountedAndRecordedAs500() {
        http.start("GET", "/health").fail(null);

        assertThatScrape(test)
                .hasSample("http_errors_total", 1, "endpoint", "/health", "status", "500")
                .hasInstrumentationErrors("http_errors_total", "null_value", 1);
    }

    @Test
    void requestIdIsInTheMdcDuringTheExchangeAndThePreviousOneComesBack() {
        MDC.put(ServerExchange.MDC_KEY, "outer");
        ServerExchange exchange = http.server(HttpMethod.GET, http.route("/health"))
                .requestId("inner-1")
                .start();

        assertThat(MDC.get(ServerExchange.MDC_KEY)).isEqualTo("inner-1");
        assertThat(exchange.requestId()).isEqualTo("inner-1");
        exchange.end(200);
        assertThat(MDC.get(ServerExchange.MDC_KEY)).isEqualTo("outer");
    }

    @Test
    void detachedExchangeEndsOnAnotherThreadAndLeavesTheStartingThreadAlone() throws Exception {
        ServerExchange exchange = http.server(HttpMethod.GET, http.route("/api/v1/reports"))
                .detached()
                .start();

        assertThat(MDC.get(ServerExchange.MDC_KEY)).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        CompletableFuture.runAsync(() -> exchange.end(200)).get(5, TimeUnit.SECONDS);

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/reports", "status", "200")
                .hasSample("http_requests_in_flight", 0);
        assertThat(test.spans()).hasSize(1);
        assertThat(exchange.requestId()).matches("[a-z]{24}");
    }

    @Test
    void incomingTraceparentBecomesTheParentOfTheServerSpan() throws Exception {
        try (TracedObservability traced = new TracedObservability()) {
            HttpMetrics tracedHttp = HttpMetrics.create(traced.obs);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                        exchange.sendResponseHeaders(204, -1);
                        exchange.close();
                    })
                    .getFilters()
                    .add(HttpServerFilter.create(tracedHttp, tracedHttp.router("/api/v1/campaigns")));
            server.start();
            try {
                String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
                HttpResponse<Void> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                + server.getAddress().getPort() + "/api/v1/campaigns"))
                                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(204);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (traced.spans().isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                SpanData span = traced.spans().get(0);
                assertThat(span.getTraceId()).isEqualTo(traceId);
                assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
                assertThat(span.getParentSpanContext().isRemote()).isTrue();
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void parentIsExtractedFromACarrierAndAThrowingGetterLeavesTheCurrentContext() {
        try (TracedObservability traced = new TracedObservability()) {
            HttpMetrics tracedHttp = HttpMetrics.create(traced.obs);
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            Map<String, String> headers = Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
            TextMapGetter<Map<String, String>> getter = new TextMapGetter<>() {
                @Override
                @SuppressWarnings("deprecation")
                public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                }
            };
            TextMapGetter<Map<String, String>> throwing = new TextMapGetter<>() {
                @Override
                @SuppressWarnings("deprecation")
                public Iterable<String> keys(Map<String, String> carrier) {
                    throw new IllegalStateException("broken carrier");
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    throw new IllegalStateException("broken carrier");
                }
            };

            tracedHttp
                    .server(HttpMethod.GET, null)
                    .parent(headers, getter)
                    .start()
                    .end(200);
            tracedHttp
                    .server(HttpMethod.GET, null)
                    .parent(headers, throwing)
                    .start()
                    .end(200);

            assertThat(traced.spans()).hasSize(2);
            assertThat(traced.spans().get(0).getTraceId()).isEqualTo(traceId);
            assertThat(traced.spans().get(0).getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(traced.spans().get(1).getTraceId()).isNotEqualTo(traceId);
            assertThat(traced.spans().get(1).getParentSpanContext().isValid()).isFalse();
        }
    }
}
