package io.escalation.obs.core.endpoint;

import static io.escalation.obs.core.endpoint.RawHttp.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile clients on real loopback sockets: stalled and slow connections, odd methods and targets. */
class EndpointHardeningTest {

    private Observability obs;
    private HealthChecks health;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void setUp() {
        obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build();
        health = HealthChecks.create(obs).register("database", Duration.ofSeconds(1), HealthResult::up);
        Counter.builder("demo.requests").register(obs.registry()).increment(3);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        health.close();
        obs.close();
    }

    @Test
    void fiftyStalledConnectionsDoNotSilenceMetricsOrHealth() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .start()) {
            openStalled(endpoint, 50, "G");

            assertAnswersWithinOneSecond(endpoint);
        }
    }

    @Test
    void slowHeadersDoNotSilenceMetricsOrHealth() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .start()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = slowloris(endpoint, 20, stop);
            try {
                Thread.sleep(300);
                assertAnswersWithinOneSecond(endpoint);
            } finally {
                stop.set(true);
                trickle.join(5_000);
            }
        }
    }

    @Test
    void stalledConnectionsAreClosedWithinTheReadTimeout() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .readTimeout(Duration.ofMillis(500))
                .start()) {
            long opened = System.nanoTime();
            List<Socket> stalled = openStalled(endpoint, 50, "G");
            assertAnswersWithinOneSecond(endpoint);

            for (Socket socket : stalled) {
                socket.setSoTimeout(3_000);
                assertThat(RawHttp.closedByServer(socket))
                        .as("closed by the server")
                        .isTrue();
            }
            assertThat((System.nanoTime() - opened) / 1_000_000)
                    .as("ms until the last was closed")
                    .isLessThan(3_000);
        }
    }

    @Test
    void aTricklingHeadIsClosedAtTheDeadlineThoughBytesKeepComing() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .readTimeout(Duration.ofMillis(500))
                .start()) {
            AtomicBoolean stop = new AtomicBoolean();
            long opened = System.nanoTime();
            Thread trickle = slowloris(endpoint, 20, stop);
            try {
                assertAnswersWithinOneSecond(endpoint);
                for (Socket socket : sockets) {
                    socket.setSoTimeout(3_000);
                    assertThat(RawHttp.closedByServer(socket))
                            .as("closed by the server")
                            .isTrue();
                }
                assertThat((System.nanoTime() - opened) / 1_000_000)
                        .as("ms until the last was closed")
                        .isLessThan(3_000);
            } finally {
                stop.set(true);
                trickle.join(5_000);
            }
        }
    }

    @Test
    void aResponseNobodyReadsIsAbandonedAfterTheReadTimeout() throws Exception {
        String pad = "p".repeat(100);
        for (int i = 0; i < 40_000; i++) { // a scrape of about 7 MB: more than both socket buffers hold
            Counter.builder("demo.bulk")
                    .tag("n", Integer.toString(i))
                    .tag("pad", pad)
                    .register(obs.registry());
        }
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                        .host(LOOPBACK)
                        .port(0)
                        .readTimeout(Duration.ofMillis(500))
                        .start();
                Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.connect(new java.net.InetSocketAddress(LOOPBACK, endpoint.port()), 2_000);
            reader.setSoTimeout(5_000);
            reader.getOutputStream()
                    .write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response head = RawHttp.read(reader.getInputStream(), false);
            long length = Long.parseLong(head.header("Content-Length"));
            assertThat(length).isGreaterThan(5_000_000);

            Thread.sleep(2_000); // read nothing: the server's writes stop making progress
            long read = 0;
            try {
                for (int n; (n = reader.getInputStream().read(new byte[65536])) >= 0; ) {
                    read += n;
                }
            } catch (java.net.SocketException reset) {
                // also a way to be abandoned
            }
            assertThat(read)
                    .as("bytes of the body the client got before the server gave up")
                    .isLessThan(length);
            assertThat(RawHttp.get(endpoint.port(), "/health/live").status).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheCapAreRefusedAtOnce() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .maxConnections(5)
                .readTimeout(Duration.ofMillis(700))
                .start()) {
            List<Socket> stalled = openStalled(endpoint, 5, "G");
            Thread.sleep(100); // let the server take them

            long start = System.nanoTime();
            try (Socket silent = RawHttp.connect(endpoint.port(), 1_000)) {
                RawHttp.Response refused = RawHttp.read(silent.getInputStream(), true);
                assertThat(refused.status).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.body()).isEqualTo("too many connections: retry shortly\n");
                assertThat(silent.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket asking = RawHttp.connect(endpoint.port(), 1_000)) {
                asking.getOutputStream()
                        .write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.closedByServer(asking))
                        .as("refused, not queued")
                        .isTrue();
            }
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("ms to refuse two connections")
                    .isLessThan(1_000);

            for (Socket socket : stalled) {
                socket.setSoTimeout(3_000);
                assertThat(RawHttp.closedByServer(socket)).isTrue();
            }
            assertThat(RawHttp.get(endpoint.port(), "/metrics").status)
                    .as("served again once they are gone")
                    .isEqualTo(200);
        }
    }

    @Test
    void aHeadTooLargeIs431() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            RawHttp.Response large = RawHttp.exchange(
                    endpoint.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9_000) + "\r\n\r\n");
            RawHttp.Response many =
                    RawHttp.exchange(endpoint.port(), "GET /metrics HTTP/1.1\r\n" + "X-A: b\r\n".repeat(101) + "\r\n");
            RawHttp.Response hundred = RawHttp.exchange(
                    endpoint.port(),
                    "GET /metrics HTTP/1.1\r\nConnection: close\r\n" + "X-A: b\r\n".repeat(99) + "\r\n");

            assertThat(large.status).isEqualTo(431);
            assertThat(large.body()).isEqualTo("request head too large: at most 8 KiB\n");
            assertThat(many.status).isEqualTo(431);
            assertThat(many.body()).isEqualTo("too many header lines: at most 100\n");
            assertThat(hundred.status).isEqualTo(200);
        }
    }

    @Test
    void keptAliveConnectionsServePipelinedRequestsInOrder() throws Exception {
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                        .host(LOOPBACK)
                        .port(0)
                        .health(health)
                        .start();
                Socket socket = RawHttp.connect(endpoint.port(), 5_000)) {
            socket.getOutputStream()
                    .write(("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                                    + "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                                    + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response live = RawHttp.read(socket.getInputStream(), true);
            RawHttp.Response head = RawHttp.read(socket.getInputStream(), false);
            RawHttp.Response missing = RawHttp.read(socket.getInputStream(), true);

            assertThat(live.status).isEqualTo(200);
            assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(head.status).isEqualTo(200);
            assertThat(head.header("Content-Length"))
                    .isEqualTo(Integer.toString(obs.prometheusText().getBytes(StandardCharsets.UTF_8).length));
            assertThat(missing.status).isEqualTo(404);
            assertThat(missing.header("Connection")).isEqualTo("close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void anUnsupportedVersionIs505AndHttp10IsClosedAfterTheAnswer() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            RawHttp.Response two = RawHttp.exchange(endpoint.port(), "GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n");
            RawHttp.Response old = RawHttp.exchange(endpoint.port(), "GET /health/live HTTP/1.0\r\n\r\n");

            assertThat(two.status).isEqualTo(505);
            assertThat(old.status).isEqualTo(200);
            assertThat(old.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void rejectsBadLimitsNamingTheSetting() {
        ObsHttpEndpoint.Builder builder = ObsHttpEndpoint.builder(obs);
        assertThatThrownBy(() -> builder.threads(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads 1");
        assertThatThrownBy(() -> builder.threads(65))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads 65");
        assertThatThrownBy(() -> builder.maxConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections 0");
        assertThatThrownBy(() -> builder.maxConnections(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections 10001");
        for (Duration bad : new Duration[] {
            Duration.ZERO,
            Duration.ofMillis(99),
            Duration.ofMinutes(6),
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MIN_VALUE)
        }) {
            assertThatThrownBy(() -> builder.readTimeout(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("readTimeout " + bad);
        }
        for (Duration bad : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE)}) {
            assertThatThrownBy(() -> builder.healthCacheFor(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("healthCacheFor " + bad);
        }
    }

    @Test
    void a405NeverEchoesTheMethod() throws Exception {
        String method = "X".repeat(5_000);
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            RawHttp.Response response = RawHttp.exchange(
                    endpoint.port(), method + " /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response.status).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
            assertThat(response.body()).isEqualTo("method not allowed: use GET or HEAD\n");
        }
    }

    @Test
    void aMalformedTargetIsAPlain400() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            for (String target : new String[] {
                "/metrics%zz", "/metrics%", "/a|b", "/{x}", "/metrics\u0001", "metrics", "/metrics#x", "/metri\u00e9"
            }) {
                RawHttp.Response response = RawHttp.exchange(
                        endpoint.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

                assertThat(response.status).as(target).isEqualTo(400);
                assertThat(response.body()).as(target).isEqualTo("bad request\n");
                assertThat(response.head).as(target).doesNotContain("Exception").doesNotContain("java.");
            }
        }
    }

    @Test
    void aQueryStringIsIgnored() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            RawHttp.Response response = RawHttp.get(endpoint.port(), "/metrics?name=x&from=jane%40example.com");

            assertThat(response.status).isEqualTo(200);
            assertThat(response.body()).isEqualTo(obs.prometheusText());
        }
    }

    @Test
    void aNormalScrapeIsByteIdenticalToTheRegistryScrape() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            RawHttp.Response text = RawHttp.get(endpoint.port(), "/metrics");
            RawHttp.Response openMetrics = RawHttp.exchange(
                    endpoint.port(),
                    "GET /metrics HTTP/1.1\r\n"
                            + "Host: localhost\r\nAccept: application/openmetrics-text; version=1.0.0\r\nConnection: close\r\n\r\n");

            assertThat(text.status).isEqualTo(200);
            assertThat(text.header("Content-Type")).isEqualTo(EndpointHandler.PROMETHEUS_TEXT);
            assertThat(text.body()).isEqualTo(obs.prometheusText());
            assertThat(text.header("Date"))
                    .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(openMetrics.header("Content-Type")).isEqualTo(EndpointHandler.OPENMETRICS);
            assertThat(openMetrics.body())
                    .isEqualTo(obs.prometheusRegistry().orElseThrow().scrape(EndpointHandler.OPENMETRICS));
        }
    }

    @Test
    void healthDetailsAreMaskedOnTheirPercentDecodedForm() throws Exception {
        health.register(
                "crm", Duration.ofSeconds(1), () -> HealthResult.down("no customer /customers/jane%40example.com"));
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .start()) {
            RawHttp.Response response = RawHttp.get(endpoint.port(), "/health");

            assertThat(response.status).isEqualTo(503);
            assertThat(response.body())
                    .contains("\"crm\":{\"status\":\"DOWN\"")
                    .contains("no customer /customers/")
                    .doesNotContain("jane")
                    .doesNotContain("example.com");
        }
    }

    /** Opens {@code n} connections that each send {@code prefix} and then nothing. */
    private List<Socket> openStalled(ObsHttpEndpoint endpoint, int n, String prefix) throws IOException {
        List<Socket> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket socket = RawHttp.connect(endpoint.port(), 10_000);
            sockets.add(socket);
            opened.add(socket);
            socket.getOutputStream().write(prefix.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return opened;
    }

    /** {@code n} connections sending a request head one byte every 50 ms, never finishing it. */
    private Thread slowloris(ObsHttpEndpoint endpoint, int n, AtomicBoolean stop) throws IOException {
        List<Socket> opened = openStalled(endpoint, n, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
        Thread thread = new Thread(
                () -> {
                    while (!stop.get()) {
                        for (Socket socket : opened) {
                            try {
                                OutputStream out = socket.getOutputStream();
                                out.write('a');
                                out.flush();
                            } catch (IOException closed) {
                                // the server closed it: what the deadline is for
                            }
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "slowloris");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void assertAnswersWithinOneSecond(ObsHttpEndpoint endpoint) throws IOException {
        for (String path : new String[] {"/metrics", "/health", "/metrics", "/health"}) {
            long start = System.nanoTime();
            RawHttp.Response response = RawHttp.get(endpoint.port(), path);
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status).as(path).isEqualTo(200);
            assertThat(tookMs).as(path + " answered in ms").isLessThan(1_000);
        }
    }
}
