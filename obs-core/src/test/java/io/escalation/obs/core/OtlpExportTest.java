package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What {@code Observability.Builder.otlp} pushes, as a real OTLP/HTTP receiver on loopback decodes it with the
 * protocol's own classes, against the Prometheus scrape of the same run: every series, named as a Collector's
 * or Mimir's Prometheus translation names it, with the same labels and values.
 */
class OtlpExportTest {

    private static final Label OPERATION = Label.closed("operation", "charge");
    private static final Label DIRECTION = Label.closed("direction", "inbound");
    /** A timer with the shared latency buckets (5 ms to 10 s). */
    private static final Metric DURATION = Metric.timer("otlp.test.operation.duration")
            .help("Time an operation took")
            .labels(OPERATION)
            .buckets(Buckets.latency())
            .build();
    /** A summary with a unit and explicit buckets. */
    private static final Metric PAYLOAD = Metric.summary("otlp.test.payload.size")
            .unit("bytes")
            .help("Payload sizes")
            .labels(DIRECTION)
            .buckets(1_000, 10_000, 100_000)
            .build();
    /** A counter with a unit. */
    private static final Metric COST =
            Metric.counter("otlp.test.cost").unit("usd").help("Cost").build();

    /** OTLP units and their Prometheus suffixes, as the Prometheus translation maps them (others as they are). */
    private static final Map<String, String> UNITS =
            Map.of("s", "seconds", "ms", "milliseconds", "By", "bytes", "%", "percent", "1", "");

    @Test
    void theExportHasEverySeriesOfTheScrapeWithItsLabelsAndValues() throws Exception {
        String scrape;
        try (Receiver receiver = Receiver.start()) {
            Observability obs = Observability.builder()
                    .serviceName("client-escalation-calls")
                    .environment("test")
                    .cluster("us-east-1")
                    .version("1.4.2")
                    .jvmMetrics(false)
                    .otlp(OtlpSettings.to(receiver.url()).interval(Duration.ofMinutes(1)))
                    .build();
            try {
                assertThat(obs.registry()).isInstanceOf(CompositeMeterRegistry.class);
                AppErrors errors = AppErrors.create(obs);
                errors.record(new SQLException("deadlock"), ErrorSeverity.ERROR);
                errors.record(new SQLException("deadlock"), ErrorSeverity.ERROR);
                errors.record(new IllegalStateException("state"), ErrorSeverity.WARNING);
                QueueMetrics.create(obs).register("tasks", List.of(1, 2, 3));
                Timer timer = DURATION.timer().tag("operation", "charge").register(obs.registry());
                for (long millis : new long[] {3, 42, 42, 1_200, 20_000}) {
                    timer.record(Duration.ofMillis(millis));
                }
                DistributionSummary payload =
                        PAYLOAD.summary().tag("direction", "inbound").register(obs.registry());
                for (double bytes : new double[] {100, 5_000, 70_000, 250_000}) {
                    payload.record(bytes);
                }
                Counter cost = COST.counter().register(obs.registry());
                cost.increment(0.25);
                cost.increment(1.5);
                scrape = obs.prometheusText();
            } finally {
                obs.close(); // pushes the values recorded above
            }
            ExportMetricsServiceRequest export = receiver.lastExport();

            // the resource names the service and this replica
            assertThat(export.getResourceMetricsList()).hasSize(1);
            Map<String, String> resource =
                    attributes(export.getResourceMetrics(0).getResource().getAttributesList());
            assertThat(resource)
                    .containsEntry("service.name", "client-escalation-calls")
                    .containsEntry("service.version", "1.4.2")
                    .containsEntry("deployment.environment.name", "test")
                    .containsKey("service.instance.id");
            assertThat(resource.get("service.instance.id")).isNotBlank();

            Map<String, Double> prometheus = prometheusSeries(scrape);
            // Micrometer's _max gauges have no OTLP counterpart (OtlpRegistry.Config explains why)
            Map<String, Double> max = new TreeMap<>(prometheus);
            max.keySet().removeIf(series -> !name(series).endsWith("_max"));
            assertThat(max.keySet().stream().map(OtlpExportTest::name).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            "otlp_test_operation_duration_seconds_max", "otlp_test_payload_size_bytes_max");
            prometheus.keySet().removeAll(max.keySet());

            Map<String, Double> otlp = otlpSeries(export);
            assertThat(otlp.keySet()).containsExactlyInAnyOrderElementsOf(prometheus.keySet());
            for (Map.Entry<String, Double> series : prometheus.entrySet()) {
                assertThat(otlp.get(series.getKey()))
                        .as(series.getKey())
                        .isCloseTo(series.getValue(), within(1e-9 * Math.max(1, Math.abs(series.getValue()))));
            }
            // spot checks of what a user reads, in seconds and cumulative
            assertThat(prometheus)
                    .containsEntry(
                            "app_errors_total{cluster=us-east-1,environment=test,service=client-escalation-calls,"
                                    + "severity=error,type=SQLException}",
                            2.0)
                    .containsEntry(
                            "otlp_test_cost_usd_total{cluster=us-east-1,environment=test,"
                                    + "service=client-escalation-calls}",
                            1.75)
                    .containsEntry(
                            "otlp_test_operation_duration_seconds_bucket{cluster=us-east-1,environment=test,"
                                    + "le=0.05,operation=charge,service=client-escalation-calls}",
                            3.0);
            assertThat(otlp.get("otlp_test_operation_duration_seconds_sum{cluster=us-east-1,environment=test,"
                            + "operation=charge,service=client-escalation-calls}"))
                    .isCloseTo(21.287, within(1e-9));
            System.out.printf(
                    "OtlpExportTest: %d series compared (%d metrics exported), %d _max gauges left out%n",
                    prometheus.size(), metricCount(export), max.size());
        }
    }

    @Test
    void timersAreSecondsHistogramsWithTheDeclaredBucketsAndCountersAreCumulative() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Observability obs = Observability.builder()
                    .serviceName("client-escalation-calls")
                    .environment("test")
                    .jvmMetrics(false)
                    .otlp(OtlpSettings.to(receiver.url()).withoutPrometheus())
                    .build();
            try {
                assertThat(obs.prometheusRegistry()).isEmpty();
                assertThat(obs.registry())
                        .isNotInstanceOf(CompositeMeterRegistry.class)
                        .isNotInstanceOf(PrometheusMeterRegistry.class);
                DURATION.timer()
                        .tag("operation", "charge")
                        .register(obs.registry())
                        .record(Duration.ofMillis(42));
                AppErrors.create(obs).record("Timeout", ErrorSeverity.ERROR);
            } finally {
                obs.close();
            }
            List<io.opentelemetry.proto.metrics.v1.Metric> metrics = metrics(receiver.lastExport());
            io.opentelemetry.proto.metrics.v1.Metric duration = find(metrics, "otlp.test.operation.duration");
            assertThat(duration.getUnit()).isEqualTo("seconds");
            assertThat(duration.getHistogram().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            HistogramDataPoint point = duration.getHistogram().getDataPoints(0);
            assertThat(point.getExplicitBoundsList())
                    .containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
            assertThat(point.getSum()).isCloseTo(0.042, within(1e-12));
            io.opentelemetry.proto.metrics.v1.Metric errors = find(metrics, "app.errors");
            assertThat(errors.getSum().getIsMonotonic()).isTrue();
            assertThat(errors.getSum().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(attributes(errors.getSum().getDataPoints(0).getAttributesList()))
                    .containsEntry("service", "client-escalation-calls")
                    .containsEntry("environment", "test")
                    .containsEntry("type", "Timeout");
        }
    }

    /**
     * OTLP alone keeps the hot paths allocation-free. (Beside Prometheus, Micrometer's composite meters pass
     * each record to their children through a capturing lambda, which the JIT removes only where it inlines
     * the call: about 10 bytes per record in this module's full test run, none when run alone.)
     */
    @Test
    void recordingWithOtlpOnlyAllocatesNothing() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Observability obs = Observability.builder()
                    .serviceName("client-escalation-calls")
                    .environment("test")
                    .jvmMetrics(false)
                    .otlp(OtlpSettings.to(receiver.url())
                            .interval(Duration.ofMinutes(1))
                            .withoutPrometheus())
                    .build();
            try {
                AppErrors.OfType timeouts = AppErrors.create(obs).ofType("LlmTimeoutError");
                Timer timer = DURATION.timer().tag("operation", "charge").register(obs.registry());
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                threads.setThreadAllocatedMemoryEnabled(true);
                Runnable call = () -> {
                    timeouts.record(ErrorSeverity.WARNING);
                    timer.record(42_000_000L, java.util.concurrent.TimeUnit.NANOSECONDS);
                };
                int calls = 200_000;
                for (int i = 0; i < calls; i++) { // warm-up: class loading, JIT
                    call.run();
                }
                long before =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < calls; i++) {
                    call.run();
                }
                long after =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                assertThat((double) (after - before) / calls).isLessThan(1.0);
            } finally {
                obs.close();
            }
        }
    }

    @Test
    void anUnreachableReceiverNeverThrowsIntoTheService() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Observability obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("test")
                .jvmMetrics(false)
                .otlp(OtlpSettings.to("http://127.0.0.1:" + closedPort + "/v1/metrics"))
                .build();
        AppErrors.create(obs).record("Timeout", ErrorSeverity.ERROR);
        assertThat(obs.prometheusText()).contains("app_errors_total{");
        assertThatCode(obs::close).doesNotThrowAnyException();
    }

    @Test
    void aBadEndpointOrIntervalFailsAtStartUpSayingWhy() {
        assertThatThrownBy(() -> OtlpSettings.to("otel-collector:4318"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http or https address");
        assertThatThrownBy(() -> OtlpSettings.to("http://otel-collector:4317"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4317, the OTLP/gRPC port");
        assertThatThrownBy(() -> OtlpSettings.to("http://svc:s3cret@otel-collector:4318/v1/metrics"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds credentials")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> OtlpSettings.to("http://otel collector:4318"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a URI");
        assertThatThrownBy(() -> OtlpSettings.to("http:///v1/metrics"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> OtlpSettings.to("http://otel-collector:4318").interval(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 1 s to 1 min");
        assertThatThrownBy(() -> OtlpSettings.to("http://otel-collector:4318").header("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OtlpSettings.to("http://otel-collector:4318").endpoint())
                .hasToString("http://otel-collector:4318/v1/metrics");
        assertThat(OtlpSettings.to("https://otlp.example.com/otlp/v1/metrics").endpoint())
                .hasToString("https://otlp.example.com/otlp/v1/metrics");
        assertThat(OtlpSettings.to("http://otel-collector:4318").header("Authorization", "Bearer s3cret"))
                .hasToString("OtlpSettings[endpoint=http://otel-collector:4318/v1/metrics, interval=PT15S,"
                        + " headers=[Authorization], prometheus=true]");
        assertThatThrownBy(() -> Observability.builder()
                        .serviceName("client-escalation-calls")
                        .environment("test")
                        .meterRegistry(new CompositeMeterRegistry())
                        .otlp(OtlpSettings.to("http://otel-collector:4318"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add an OtlpMeterRegistry to that registry yourself");
    }

    // ---- the two sides as series: name{label=value,...} -> value, labels sorted -----------------

    /** The scrape's samples. */
    static Map<String, Double> prometheusSeries(String scrape) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int end = line.lastIndexOf(' ');
            Map<String, String> labels = new TreeMap<>();
            String name;
            if (brace < 0) {
                name = line.substring(0, end);
            } else {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : body.split("\",")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String value = pair.substring(eq + 2);
                    labels.put(
                            pair.substring(0, eq),
                            value.endsWith("\"") ? value.substring(0, value.length() - 1) : value);
                }
            }
            if (labels.containsKey("le")) {
                labels.put("le", le(parse(labels.get("le"))));
            }
            series.put(key(name, labels), parse(line.substring(end + 1)));
        }
        return series;
    }

    /** The export's data points, named as the Prometheus translation of a Collector or Mimir names them. */
    static Map<String, Double> otlpSeries(ExportMetricsServiceRequest export) {
        Map<String, Double> series = new TreeMap<>();
        for (io.opentelemetry.proto.metrics.v1.Metric metric : metrics(export)) {
            switch (metric.getDataCase()) {
                case GAUGE -> {
                    for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
                        series.put(key(prometheusName(metric, false), labels(point.getAttributesList())), value(point));
                    }
                }
                case SUM -> {
                    boolean monotonic = metric.getSum().getIsMonotonic();
                    for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                        series.put(
                                key(prometheusName(metric, monotonic), labels(point.getAttributesList())),
                                value(point));
                    }
                }
                case HISTOGRAM -> {
                    String name = prometheusName(metric, false);
                    for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                        Map<String, String> labels = labels(point.getAttributesList());
                        long cumulative = 0;
                        for (int i = 0; i < point.getBucketCountsCount(); i++) {
                            cumulative += point.getBucketCounts(i);
                            double bound = i < point.getExplicitBoundsCount()
                                    ? point.getExplicitBounds(i)
                                    : Double.POSITIVE_INFINITY;
                            Map<String, String> withLe = new TreeMap<>(labels);
                            withLe.put("le", le(bound));
                            series.put(key(name + "_bucket", withLe), (double) cumulative);
                        }
                        series.put(key(name + "_count", labels), (double) point.getCount());
                        series.put(key(name + "_sum", labels), point.getSum());
                    }
                }
                default -> throw new AssertionError(metric.getName() + ": unexpected " + metric.getDataCase());
            }
        }
        return series;
    }

    /**
     * The Prometheus translation (prometheus/otlptranslator, the Collector's prometheusremotewrite exporter,
     * Mimir's and Prometheus's OTLP ingest, with suffixes): characters outside {@code [a-zA-Z0-9_:]} become
     * {@code _}; the unit, translated, is appended unless the name has it as a word; a monotonic sum gets
     * {@code _total}.
     */
    static String prometheusName(io.opentelemetry.proto.metrics.v1.Metric metric, boolean monotonic) {
        List<String> words = new ArrayList<>(
                Arrays.asList(metric.getName().replaceAll("[^a-zA-Z0-9_:]", "_").split("_+")));
        String unit = metric.getUnit().replaceAll("\\{[^}]*}", "");
        unit = UNITS.getOrDefault(unit, unit.replaceAll("[^a-zA-Z0-9]", "_"));
        if (!unit.isEmpty() && !words.contains(unit)) {
            words.add(unit);
        }
        if (monotonic && !words.get(words.size() - 1).equals("total")) {
            words.add("total");
        }
        return String.join("_", words);
    }

    private static List<io.opentelemetry.proto.metrics.v1.Metric> metrics(ExportMetricsServiceRequest export) {
        List<io.opentelemetry.proto.metrics.v1.Metric> metrics = new ArrayList<>();
        for (ResourceMetrics resource : export.getResourceMetricsList()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                metrics.addAll(scope.getMetricsList());
            }
        }
        return metrics;
    }

    private static int metricCount(ExportMetricsServiceRequest export) {
        return metrics(export).size();
    }

    private static io.opentelemetry.proto.metrics.v1.Metric find(
            List<io.opentelemetry.proto.metrics.v1.Metric> metrics, String name) {
        return metrics.stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not exported; got "
                        + metrics.stream().map(m -> m.getName()).collect(Collectors.toCollection(TreeSet::new))));
    }

    private static double value(NumberDataPoint point) {
        return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    }

    /** Attribute keys as the translation writes label names: characters outside [a-zA-Z0-9_] become _. */
    private static Map<String, String> labels(List<KeyValue> attributes) {
        Map<String, String> labels = new TreeMap<>();
        attributes(attributes).forEach((k, v) -> labels.put(k.replaceAll("[^a-zA-Z0-9_]", "_"), v));
        return labels;
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new HashMap<>();
        for (KeyValue kv : attributes) {
            AnyValue value = kv.getValue();
            map.put(kv.getKey(), value.hasStringValue() ? value.getStringValue() : value.toString());
        }
        return map;
    }

    private static String key(String name, Map<String, String> labels) {
        return name
                + labels.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}"));
    }

    private static String name(String key) {
        return key.substring(0, key.indexOf('{'));
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static String le(double bound) {
        return bound == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(bound);
    }

    /** An OTLP/HTTP receiver on 127.0.0.1: POST /v1/metrics, protobuf, optionally gzip. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<ExportMetricsServiceRequest> exports = new CopyOnWriteArrayList<>();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/v1/metrics", exchange -> {
                try (exchange) {
                    boolean protobuf = "POST".equals(exchange.getRequestMethod())
                            && "application/x-protobuf"
                                    .equals(exchange.getRequestHeaders().getFirst("Content-Type"));
                    if (!protobuf) {
                        exchange.sendResponseHeaders(415, -1);
                        return;
                    }
                    InputStream body = exchange.getRequestBody();
                    if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        body = new GZIPInputStream(body);
                    }
                    receiver.exports.add(ExportMetricsServiceRequest.parseFrom(body.readAllBytes()));
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1); // an empty ExportMetricsServiceResponse
                }
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics";
        }

        /** The last export received: the one Observability.close() pushed. */
        ExportMetricsServiceRequest lastExport() {
            assertThat(exports).as("exports received").isNotEmpty();
            return exports.get(exports.size() - 1);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
