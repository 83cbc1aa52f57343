package io.escalation.obs.errors;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.http.Router;
import io.escalation.obs.test.TestObservability;
import io.sentry.Sentry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exception escaping a handler behind obs-http's {@link HttpServerFilter} reaches Sentry through
 * obs-core's hook when an {@link ErrorReporter} was created on the same Observability: a real JDK
 * HttpServer, a real client, a real Sentry envelope on a loopback Sentry. obs-http does not depend
 * on obs-errors (ArchitectureTest); only this test puts them together.
 */
class UnhandledHttpErrorsTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        Sentry.close();
    }

    @Test
    void anExceptionThrownByAHandlerIsSentToSentryMarkedUnhandledAndScrubbed() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            start(HttpMetrics.create(test.obs()));

            assertThat(post("/api/v1/payments").statusCode()).isEqualTo(500);

            JsonNode event = inbox.nextEvent();
            JsonNode exception = event.get("exception").get("values").get(0);
            assertThat(exception.get("type").asText()).isEqualTo("IllegalStateException");
            assertThat(exception.get("value").asText()).isEqualTo("charge failed for [EMAIL]");
            assertThat(exception.get("mechanism").get("type").asText()).isEqualTo(ErrorReporter.UNHANDLED_MECHANISM);
            assertThat(exception.get("mechanism").get("handled").asBoolean()).isFalse();
            assertThat(event.get("level").asText()).isEqualTo("error");
            assertThat(event.get("tags").get("service").asText()).isEqualTo(TestObservability.SERVICE);
            assertThat(String.join("\n", inbox.bodies)).doesNotContain("jane@example.com");
            assertThatScrape(test)
                    .hasSample(
                            "http_errors_total", 1, "endpoint", "/api/v1/payments", "method", "POST", "status", "500")
                    .hasSample("system_errors_total", 0, "type", "out_of_memory")
                    .hasNoInstrumentationErrors();
            assertThat(errors.enabled()).isTrue();
        }
    }

    @Test
    void withoutAReporterTheSameRequestIsRecordedAndNothingBreaks() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create()) {
            start(HttpMetrics.create(test.obs()));

            assertThat(post("/api/v1/payments").statusCode()).isEqualTo(500);
            assertThat(get("/api/v1/health").statusCode()).isEqualTo(200);
            awaitHealthRecorded(test); // the filter records after the handler has sent the response

            assertThatScrape(test)
                    .hasSample(
                            "http_errors_total", 1, "endpoint", "/api/v1/payments", "method", "POST", "status", "500")
                    .hasSample("http_requests_total", 1, "endpoint", "/api/v1/health", "method", "GET", "status", "200")
                    .hasNoInstrumentationErrors();
            assertThat(inbox.bodies).isEmpty();
        }
    }

    private static void awaitHealthRecorded(TestObservability test) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (test.scrape()
                        .lines()
                        .noneMatch(l -> l.startsWith("http_requests_total{") && l.contains("/api/v1/health"))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void start(HttpMetrics http) throws IOException {
        Router router = http.router("/api/v1/payments", "/api/v1/health");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", UnhandledHttpErrorsTest::handle)
                .getFilters()
                .add(HttpServerFilter.create(http, router));
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getRawPath().equals("/api/v1/payments")) {
            exchange.sendResponseHeaders(500, -1); // answered, so that the client is not left waiting
            exchange.close();
            throw new IllegalStateException("charge failed for jane@example.com");
        }
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
