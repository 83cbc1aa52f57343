package io.escalation.obs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void spansAreExportedOnlyWhenAnOtlpEndpointIsSet() {
        assertThat(Tracing.defaults("client-escalation-calls", Map.of()))
                .containsEntry("otel.traces.exporter", "none")
                .containsEntry("otel.metrics.exporter", "none")
                .containsEntry("otel.service.name", "client-escalation-calls");
        assertThat(Tracing.defaults(
                        "client-escalation-calls", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")))
                .doesNotContainKey("otel.traces.exporter")
                .containsEntry("otel.logs.exporter", "none");
    }

    @Test
    void withoutAnExporterSpansStillCarryTraceIdsForTheLogs() {
        try (OpenTelemetrySdk sdk = Tracing.start("client-escalation-calls", Map.of())) {
            Span span =
                    sdk.getTracer("test").spanBuilder("GET /api/v1/campaigns").startSpan();
            assertThat(span.getSpanContext().isValid()).isTrue();
            span.end();
        }
    }

    @Test
    void spansGoOverOtlpHttpToTheConfiguredEndpoint() throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                            + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        System.setProperty("otel.exporter.otlp.endpoint", endpoint);
        try (OpenTelemetrySdk sdk = Tracing.start("client-escalation-calls", Map.of())) {
            sdk.getTracer("test")
                    .spanBuilder("POST /api/v1/payments")
                    .startSpan()
                    .end();
        } finally {
            System.clearProperty("otel.exporter.otlp.endpoint");
        }
        String request = received.poll(10, TimeUnit.SECONDS);
        collector.stop(0);
        assertThat(request)
                .startsWith("POST /v1/traces application/x-protobuf")
                .contains("POST /api/v1/payments", "client-escalation-calls");
    }
}
