package io.escalation.obs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    @Test
    void theServiceTracesPaymentsAsProcessPaymentSpansWithAHashedIdAndTheirStatus() throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        collector.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        System.setProperty(
                "otel.exporter.otlp.endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort());
        try (ExampleService service = ExampleService.startForRequests(300, 42)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(60))).isTrue();
        } finally { // closing the service shuts the SDK down, which exports what is left
            System.clearProperty("otel.exporter.otlp.endpoint");
            collector.stop(0);
        }

        List<Map<Integer, List<Object>>> payments = new ArrayList<>();
        for (byte[] request : received) {
            for (Object resourceSpans : fields(request).getOrDefault(1, List.of())) {
                for (Object scopeSpans : fields((byte[]) resourceSpans).getOrDefault(2, List.of())) {
                    for (Object span : fields((byte[]) scopeSpans).getOrDefault(2, List.of())) {
                        Map<Integer, List<Object>> fields = fields((byte[]) span);
                        if (text(fields, 5).equals("process_payment")) {
                            payments.add(fields);
                        }
                    }
                }
            }
        }
        assertThat(payments).as("process_payment spans exported over OTLP").hasSizeGreaterThan(5);
        Map<String, Integer> statusCodes = new HashMap<>();
        for (Map<Integer, List<Object>> span : payments) {
            Map<String, String> attributes = attributes(span);
            assertThat(attributes.get("payment.id"))
                    .as("payment.id is a keyed hash, never the service's pay_N id")
                    .matches("[0-9a-f]{32}");
            assertThat(attributes.get("payment.status")).isIn("collected", "promised", "declined", "failed");
            List<Object> status = span.getOrDefault(15, List.of());
            int code = status.isEmpty() ? 0 : intField(fields((byte[]) status.get(0)), 3);
            statusCodes.merge(attributes.get("payment.status") + "=" + code, 1, Integer::sum);
        }
        System.out.printf("process_payment spans by payment.status=status code: %s%n", statusCodes);
        // OTLP status codes: 1 OK, 2 ERROR. A Stripe error fails the span; a declined card is a processed payment.
        assertThat(statusCodes.keySet())
                .contains("collected=1", "promised=1")
                .allMatch(k -> k.equals("failed=2") || k.endsWith("=1") && !k.startsWith("failed"));
        assertThat(payments.stream().map(s -> attributes(s).get("payment.id")).distinct())
                .as("one hash per payment")
                .hasSize(payments.size());
    }

    /** The fields of one protobuf message: number to values (byte[] when length-delimited, else Long). */
    private static Map<Integer, List<Object>> fields(byte[] message) {
        Map<Integer, List<Object>> fields = new HashMap<>();
        ByteBuffer in = ByteBuffer.wrap(message).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            Object value;
            switch ((int) (tag & 7)) {
                case 0 -> value = varint(in);
                case 1 -> value = in.getLong();
                case 2 -> {
                    byte[] bytes = new byte[(int) varint(in)];
                    in.get(bytes);
                    value = bytes;
                }
                case 5 -> value = (long) in.getInt();
                default -> throw new IllegalArgumentException("wire type " + (tag & 7));
            }
            fields.computeIfAbsent(number, n -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static String text(Map<Integer, List<Object>> fields, int number) {
        List<Object> values = fields.getOrDefault(number, List.of());
        return values.isEmpty() ? "" : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
    }

    private static int intField(Map<Integer, List<Object>> fields, int number) {
        List<Object> values = fields.getOrDefault(number, List.of());
        return values.isEmpty() ? 0 : ((Long) values.get(0)).intValue();
    }

    /** A span's string attributes (field 9: KeyValue, key 1, AnyValue 2 whose string_value is 1). */
    private static Map<String, String> attributes(Map<Integer, List<Object>> span) {
        Map<String, String> attributes = new HashMap<>();
        for (Object keyValue : span.getOrDefault(9, List.of())) {
            Map<Integer, List<Object>> kv = fields((byte[]) keyValue);
            attributes.put(text(kv, 1), text(fields((byte[]) kv.get(2).get(0)), 1));
        }
        return attributes;
    }
}
