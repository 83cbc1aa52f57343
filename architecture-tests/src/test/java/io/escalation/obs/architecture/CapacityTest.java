package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.examples.ExampleService;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what one replica of the example service costs a Prometheus, and keeps docs/scaling.md
 * honest about it: series and bytes of one {@code /metrics} scrape after the traffic generator ran
 * (text format and OpenMetrics, plain and gzipped, with the Accept header Prometheus sends), and
 * the compressed bytes per sample a real Prometheus sends over remote_write to a loopback receiver.
 * Fails when a measured figure is more than {@value #TOLERANCE_PERCENT}% off the documented one, and
 * when a figure the doc derives from them (10, 100, 1,000 replicas) does not follow from its formula.
 */
class CapacityTest {

    static final Path DOC = BomTest.ROOT.resolve("docs/scaling.md");
    static final int TOLERANCE_PERCENT = 25;

    /** How long the traffic generator runs before the scrape: a few hundred requests. */
    static final Duration TRAFFIC = Duration.ofSeconds(30);

    /** What Prometheus 2.x sends: OpenMetrics first, the text format as the fallback. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final String JOB = "client-escalation-calls";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path work;

    private static final Map<String, Double> measured = new LinkedHashMap<>();

    @BeforeAll
    static void measure() throws Exception {
        try (ExampleService service = ExampleService.start("127.0.0.1", 0, TRAFFIC, 42)) {
            assertThat(service.awaitTraffic(TRAFFIC.plusSeconds(60)))
                    .as("the traffic ran")
                    .isTrue();
            String metrics = "http://127.0.0.1:" + service.port() + "/metrics";

            byte[] text = get(metrics, null, false);
            byte[] openMetrics = get(metrics, PROMETHEUS_ACCEPT, false);
            String body = new String(text, StandardCharsets.UTF_8);
            assertThat(new String(openMetrics, StandardCharsets.UTF_8))
                    .as("Prometheus's Accept header gets OpenMetrics")
                    .endsWith("# EOF\n");
            measured.put("series per replica", (double) series(body));
            measured.put("metric families", (double)
                    body.lines().filter(l -> l.startsWith("# TYPE ")).count());
            measured.put("text format, bytes", (double) text.length);
            measured.put("text format gzipped, bytes", (double) get(metrics, null, true).length);
            measured.put("OpenMetrics, bytes", (double) openMetrics.length);
            measured.put("OpenMetrics gzipped, bytes", (double) get(metrics, PROMETHEUS_ACCEPT, true).length);
            System.out.printf("CapacityTest: series per metric family, largest first: %s%n", largestFamilies(body));

            measureRemoteWrite(service.port());
        }
        System.out.printf(
                "CapacityTest: measured %s%n",
                measured.entrySet().stream()
                        .map(e -> e.getKey() + " = " + format(e.getValue()))
                        .collect(Collectors.joining("; ")));
    }

    /**
     * A real Prometheus scrapes the service every second and remote-writes to a receiver here,
     * which answers 204: its own counters give compressed bytes per sample on the wire.
     */
    private static void measureRemoteWrite(int servicePort) throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/api/v1/write", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.addAndGet(in.readAllBytes().length);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Path config = work.resolve("prometheus.yml");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "global:",
                            "  scrape_interval: 1s",
                            "  scrape_timeout: 1s",
                            "scrape_configs:",
                            "  - job_name: '" + JOB + "'",
                            "    static_configs:",
                            "      - targets: ['127.0.0.1:" + servicePort + "']",
                            "        labels:",
                            "          host: 'app-host'",
                            "remote_write:",
                            "  - url: 'http://127.0.0.1:"
                                    + receiver.getAddress().getPort() + "/api/v1/write'",
                            ""));
            try (LocalPrometheus prometheus = LocalPrometheus.start(work, config, LoopbackProcess.freeLoopbackPort())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                prometheus.awaitReady(deadline);
                double series = measured.get("series per replica");
                prometheus.await(
                        "remote write to send 20 scrapes' samples",
                        deadline,
                        () -> selfMetric(prometheus, "prometheus_remote_storage_samples_total") >= 20 * series);
                double samples = selfMetric(prometheus, "prometheus_remote_storage_samples_total");
                double bytes = selfMetric(prometheus, "prometheus_remote_storage_bytes_total");
                measured.put(
                        "samples per scrape, as Prometheus counts them",
                        prometheus.scalar("scrape_samples_scraped{job=\"" + JOB + "\"}"));
                measured.put("remote write, compressed bytes per sample", bytes / samples);
                assertThat((double) received.get())
                        .as("the receiver got what Prometheus says it sent")
                        .isGreaterThanOrEqualTo(bytes * 0.9);
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** A counter of Prometheus's own /metrics (it does not scrape itself here), summed over its series. */
    private static double selfMetric(LocalPrometheus prometheus, String name) throws Exception {
        String body = new String(get(prometheus.url + "/metrics", null, false), StandardCharsets.UTF_8);
        return body.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void theDocumentedFiguresAreTheMeasuredOnes() throws Exception {
        Map<String, Double> documented = documented();
        for (Map.Entry<String, Double> figure : measured.entrySet()) {
            assertThat(documented)
                    .as("docs/scaling.md's table \"Measured\" has a row %s", figure.getKey())
                    .containsKey(figure.getKey());
            double doc = documented.get(figure.getKey());
            assertThat(doc)
                    .as(
                            "docs/scaling.md: %s is documented as %s, measured %s: update the doc (and the figures"
                                    + " derived from it) if the change is real",
                            figure.getKey(), format(doc), format(figure.getValue()))
                    .isCloseTo(figure.getValue(), within(figure.getValue() * TOLERANCE_PERCENT / 100));
        }
    }

    /** Prometheus's own count of a scrape's samples agrees with the lines of the text format. */
    @Test
    void prometheusCountsTheSeriesTheScrapeHas() {
        assertThat(measured.get("samples per scrape, as Prometheus counts them"))
                .isCloseTo(measured.get("series per replica"), within(measured.get("series per replica") * 0.1));
    }

    /**
     * Every row of the fleet table follows from the documented per-replica figures by the formulas
     * the doc states: series x replicas, and series / 10 s x bytes per sample for remote write.
     */
    @Test
    void theFleetTableFollowsFromTheDocumentedFigures() throws Exception {
        Map<String, Double> documented = documented();
        double series = documented.get("series per replica");
        double perSample = documented.get("remote write, compressed bytes per sample");
        double perSeries = documented.get("head memory per active series, bytes");
        Pattern row = Pattern.compile(
                "^\\| ([\\d,]+) replicas \\| ([\\d,]+) \\| ([\\d,]+) \\| ([\\d.,]+) GiB \\| ([\\d.,]+) KiB/s \\|",
                Pattern.MULTILINE);
        Matcher m = row.matcher(Files.readString(DOC));
        int rows = 0;
        while (m.find()) {
            rows++;
            double replicas = number(m.group(1));
            double fleetSeries = series * replicas;
            assertThat(number(m.group(2))).as("%s replicas: series", m.group(1)).isCloseTo(fleetSeries, within(1.0));
            assertThat(number(m.group(3)))
                    .as("%s replicas: samples/s at a 10 s interval", m.group(1))
                    .isCloseTo(fleetSeries / 10, within(1.0));
            assertThat(number(m.group(4)))
                    .as("%s replicas: head memory", m.group(1))
                    .isCloseTo(fleetSeries * perSeries / (1L << 30), within(0.06));
            assertThat(number(m.group(5)))
                    .as("%s replicas: remote write", m.group(1))
                    .isCloseTo(fleetSeries / 10 * perSample / 1024, within(0.6));
        }
        assertThat(rows).as("rows for 10, 100 and 1,000 replicas").isEqualTo(3);
    }

    /** The rows of the doc's "Measured" table: {@code | name | number |}. */
    static Map<String, Double> documented() throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| ([a-zA-Z][^|]*?) \\| ([\\d.,]+) \\|", Pattern.MULTILINE)
                .matcher(Files.readString(DOC));
        while (m.find()) {
            figures.put(m.group(1), number(m.group(2)));
        }
        return figures;
    }

    /** Sample lines: one series each (text format: no _created, exemplars or EOF lines). */
    static long series(String textFormat) {
        return textFormat
                .lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .count();
    }

    private static String largestFamilies(String textFormat) {
        Map<String, Long> perName = new TreeMap<>();
        textFormat.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
            String name = l.split("[{ ]", 2)[0].replaceAll("_(bucket|count|sum|max)$", "");
            perName.merge(name, 1L, Long::sum);
        });
        return perName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static byte[] get(String url, String accept, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding").isPresent())
                .isEqualTo(gzip);
        return response.body();
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }

    private static String format(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    @AfterAll
    static void report() {
        List<String> rows = measured.entrySet().stream()
                .map(e -> "| " + e.getKey() + " | " + format(e.getValue()) + " |")
                .collect(Collectors.toList());
        System.out.println("CapacityTest: measured rows for docs/scaling.md:\n" + String.join("\n", rows));
    }
}
