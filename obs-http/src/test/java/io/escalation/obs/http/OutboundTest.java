package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound calls through {@link Peer#send} to a real loopback server standing in for Twilio. */
class OutboundTest {

    private final TracedObservability traced = new TracedObservability();
    private final HttpMetrics http =
            HttpMetrics.builder(traced.obs).peers("twilio", "openai").build();
    private final Peer twilio = http.peer("twilio");
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        traced.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.put("traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
        if (path.endsWith("/slow")) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(path.endsWith("/limited") ? 429 : 201, -1);
        exchange.close();
    }

    @Test
    void successfulCallIsCountedTimedAndTraced() throws Exception {
        HttpResponse<String> response = twilio.send(
                client,
                HttpRequest.newBuilder(uri("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json"))
                        .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155552671"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThatScrape(traced.obs.prometheusText())
                .hasType("http_client_requests_total", "counter")
                .hasSample("http_client_requests_total", 1, "method", "POST", "peer", "twilio", "status", "201")
                .hasType("http_client_request_duration_seconds", "histogram")
                .hasSample("http_client_request_duration_seconds_count", 1, "method", "POST", "peer", "twilio")
                .hasNoSample("http_client_errors_total")
                .hasNoPiiInLabels();
        assertThat(traced.obs.prometheusText()).doesNotContain("Accounts").doesNotContain("AC0123");

        SpanData span = traced.spans().get(0);
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo("POST");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                .isEqualTo("POST");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("server.address")))
                .isEqualTo("127.0.0.1");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("peer.service")))
                .isEqualTo("twilio");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(201L);
        assertThat(span.getAttributes().asMap().keySet().toString()).doesNotContain("url");
        assertThat(received.get("traceparent")) // the flags byte marks it sampled (and random, W3C level 2)
                .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
    }

    @Test
    void fourHundredsAreClientErrors() throws Exception {
        HttpResponse<String> response = twilio.send(
                client, HttpRequest.newBuilder(uri("/limited")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThatScrape(traced.obs.prometheusText())
                .hasSample("http_client_requests_total", 1, "peer", "twilio", "method", "GET", "status", "429")
                .hasSample("http_client_errors_total", 1, "peer", "twilio", "method", "GET", "status", "429");
        SpanData span = traced.spans().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("429");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void timeoutIsRecordedAsTimeout() {
        HttpRequest request = HttpRequest.newBuilder(uri("/slow"))
                .timeout(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> twilio.send(client, request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThatScrape(traced.obs.prometheusText())
                .hasSample("http_client_requests_total", 1, "peer", "twilio", "status", "TIMEOUT")
                .hasSample("http_client_errors_total", 1, "peer", "twilio", "status", "TIMEOUT")
                .hasSample("http_client_request_duration_seconds_count", 1, "peer", "twilio");
        SpanData span = traced.spans().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.net.http.HttpTimeoutException");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void refusedConnectionIsAnIoError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/x"))
                .build();

        assertThatThrownBy(() -> http.peer("openai").send(client, request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);

        assertThatScrape(traced.obs.prometheusText())
                .hasSample("http_client_errors_total", 1, "peer", "openai", "method", "GET", "status", "IO_ERROR");
    }

    @Test
    void recordingWithoutTheClientClassifiesFailures() {
        Peer openai = http.peer("openai");
        openai.record(HttpMethod.POST, 200, 5_000_000);
        openai.recordFailure(HttpMethod.POST, new RuntimeException(new java.net.SocketTimeoutException("read")), 1);
        openai.recordFailure(HttpMethod.POST, new IllegalStateException("bug"), 1);
        openai.recordFailure(HttpMethod.POST, null, 1);
        openai.record(HttpMethod.POST, 700, 1);
        openai.record(null, 200, -1);

        assertThatScrape(traced.obs.prometheusText())
                .hasSample("http_client_requests_total", 1, "peer", "openai", "method", "POST", "status", "200")
                .hasSample("http_client_requests_total", 1, "peer", "openai", "status", "TIMEOUT")
                .hasSample("http_client_requests_total", 3, "peer", "openai", "status", "ERROR")
                .hasSample("http_client_requests_total", 1, "peer", "openai", "method", "_OTHER", "status", "200")
                .hasSample("http_client_request_duration_seconds_count", 5, "peer", "openai", "method", "POST")
                .hasInstrumentationErrors("http_client_requests_total", "value_too_large", 1)
                .hasInstrumentationErrors("http_client_requests_total", "null_value", 1)
                .hasInstrumentationErrors("http_client_request_duration_seconds", "negative_value", 1);
    }

    @Test
    void peersAreARegisteredSetCheckedAtStartUp() {
        assertThatThrownBy(() -> http.peer("stripe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peer 'stripe' is not registered; registered: [twilio, openai]");
        try (TestObservability other = TestObservability.create()) {
            HttpMetrics.Builder builder = HttpMetrics.builder(other.obs());
            assertThatThrownBy(() -> builder.peers("api.twilio.com/2010"))
                    .hasMessageContaining("is not a peer name: use 1-32 lower-case letters");
            assertThatThrownBy(() -> builder.peers("Twilio")).hasMessageContaining("e.g. \"twilio\"");
            assertThatThrownBy(() -> builder.peers((String) null)).hasMessageContaining("'null' is not a peer name");
        }
        assertThat(http.peerNames()).containsExactly("twilio", "openai");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
