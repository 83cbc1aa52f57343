package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.http.Router;
import io.escalation.obs.test.TestObservability;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * obs-http's access log through the shipped {@code obs-logback.xml}, as a service runs it: the
 * process's logback configured by Joran, a real JDK HttpServer with {@link HttpServerFilter}, real
 * requests, and the JSON lines of {@code combined.log}.
 */
class HttpAccessLogTest {

    private static final String CUSTOMER = "/api/v1/customers/{id}";
    /** A raw path and query full of PII: none of it may reach a log line. */
    private static final String PII_PATH =
            "/api/v1/customers/jane.doe@example.com?phone=%2B14155552671&ssn=123-45-6789";

    @TempDir
    Path dir;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private TestObservability test;
    private int requests;
    private HttpServer server;

    @AfterEach
    void restore() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (test != null) {
            test.close();
        }
        context.reset();
        new ContextInitializer(context).autoConfig(); // back to logback-test.xml
    }

    @Test
    void oneMaskedJsonLinePerRequestWithTheRouteTemplateStatusDurationRequestIdAndTraceId() throws Exception {
        start("", UnaryOperator.identity());

        assertThat(get(PII_PATH, "req-42").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/fail").statusCode()).isEqualTo(500);
        assertThat(get("/no/such/path", null).statusCode()).isEqualTo(404);

        String combined = stopAndRead();
        List<JsonNode> lines = accessLines(combined);
        assertThat(lines).hasSize(3);
        List<SpanData> spans = test.spans();

        JsonNode ok = lines.get(0);
        assertThat(ok.get("level").asText()).isEqualTo("INFO");
        assertThat(ok.get("category").asText()).isEqualTo("http");
        assertThat(ok.get("message").asText()).isEqualTo("GET /api/v1/customers/{id} 200");
        assertThat(ok.get("method").asText()).isEqualTo("GET");
        assertThat(ok.get("route").asText()).isEqualTo(CUSTOMER);
        assertThat(ok.get("status").isInt()).isTrue();
        assertThat(ok.get("status").asInt()).isEqualTo(200);
        assertThat(ok.get("duration_ms").isNumber()).isTrue();
        assertThat(ok.get("duration_ms").asDouble()).isGreaterThan(0.0).isLessThan(10_000.0);
        assertThat(ok.get("request_id").asText()).isEqualTo("req-42");
        assertThat(ok.get("service").asText()).isEqualTo(TestObservability.SERVICE);
        assertThat(spans)
                .extracting(SpanData::getTraceId)
                .contains(ok.get("trace_id").asText());
        assertThat(spans)
                .extracting(SpanData::getSpanId)
                .contains(ok.get("span_id").asText());
        assertThat(ok.has("error_type")).isFalse();

        JsonNode failed = lines.get(1);
        assertThat(failed.get("level").asText()).isEqualTo("WARN");
        assertThat(failed.get("message").asText()).isEqualTo("POST /api/v1/fail 500");
        assertThat(failed.get("status").asInt()).isEqualTo(500);
        assertThat(failed.get("error_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.get("request_id").asText()).isNotBlank().isNotEqualTo("req-42");
        assertThat(spans)
                .extracting(SpanData::getTraceId)
                .contains(failed.get("trace_id").asText());

        JsonNode unrouted = lines.get(2);
        assertThat(unrouted.get("route").asText()).isEqualTo(HttpMetrics.NOT_FOUND);
        assertThat(unrouted.get("status").asInt()).isEqualTo(404);

        // the raw path and query never reach the log, masked or not
        assertThat(combined)
                .doesNotContain("jane.doe")
                .doesNotContain("example.com")
                .doesNotContain("4155552671")
                .doesNotContain("123-45-6789")
                .doesNotContain("ssn")
                .doesNotContain("/no/such/path")
                .doesNotContain("\"duration\":"); // the suite's field is duration_ms
    }

    @Test
    void samplingKeepsAShareOfSuccessesAndEveryClientAndServerError() throws Exception {
        start("", builder -> builder.accessLogSampling(0.0));

        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/customers/c" + i, null).statusCode()).isEqualTo(200);
        }
        assertThat(get("/no/such/path", null).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/fail").statusCode()).isEqualTo(500);

        assertThat(accessLines(stopAndRead()))
                .extracting(
                        n -> n.get("level").asText() + " " + n.get("message").asText())
                .containsExactly("INFO GET NOT_FOUND 404", "WARN POST /api/v1/fail 500");
    }

    @Test
    void levelsComeFromTheBuilderAndTheHttpCategoryLevelOfTheShippedConfiguration() throws Exception {
        // OBS_HTTP_LOG_LEVEL=WARN: only the server errors' lines (WARN) pass the category logger
        start("  <property name=\"OBS_HTTP_LOG_LEVEL\" value=\"WARN\"/>\n", UnaryOperator.identity());
        get("/api/v1/customers/c1", null);
        post("/api/v1/fail");
        assertThat(accessLines(stopAndRead()))
                .extracting(
                        n -> n.get("level").asText() + " " + n.get("message").asText())
                .containsExactly("WARN POST /api/v1/fail 500");
    }

    @Test
    void theBuilderSetsTheLevelOfEachKindOfLine() throws Exception {
        start("", builder -> builder.accessLogLevel(Level.DEBUG).accessLogServerErrorLevel(null));
        get("/api/v1/customers/c1", null); // DEBUG: below the category's INFO
        post("/api/v1/fail"); // no line for server errors
        assertThat(accessLines(stopAndRead())).isEmpty();
    }

    /** Configures the process's logback with the shipped include, then starts a server with the filter. */
    private void start(String properties, UnaryOperator<HttpMetrics.Builder> settings) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + properties
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "</configuration>\n");
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());

        test = TestObservability.create();
        ObsLogging.install(test.obs(), context);
        HttpMetrics http = settings.apply(HttpMetrics.builder(test.obs())).build();
        Router router = http.router(CUSTOMER, "/api/v1/fail");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", HttpAccessLogTest::handle).getFilters().add(HttpServerFilter.create(http, router));
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/api/v1/fail")) {
            // answered first, so that the client gets its 500 before the exception leaves the handler
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            throw new IllegalStateException("database down for jane.doe@example.com");
        }
        int status = path.startsWith("/api/v1/customers/") ? 200 : 404;
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        requests++;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (requestId != null) {
            request.header(HttpServerFilter.REQUEST_ID_HEADER, requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        requests++;
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * Waits for every request to have ended (its span ends after its access-log line is handed to
     * logback: the client may have its response before), then for a last line logged after them to
     * be in combined.log (the async appender writes in order, on its own thread), stops the server
     * and logback and reads combined.log.
     */
    private String stopAndRead() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (test.spans().size() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(test.spans()).as("requests ended").hasSize(requests);
        context.getLogger("test.end").warn("end of test");
        Path combined = dir.resolve("logs/combined.log");
        while (!(Files.exists(combined) && Files.readString(combined).contains("\"message\":\"end of test\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        server.stop(0);
        server = null;
        context.stop();
        return Files.readString(dir.resolve("logs/combined.log"), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> accessLines(String combined) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : combined.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JsonLines.JSON.readTree(line);
            if ("obs.http.access".equals(node.path("logger").asText())) {
                lines.add(node);
            }
        }
        return lines;
    }
}
