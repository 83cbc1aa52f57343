package io.escalation.obs.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObsHttpEndpointTest {

    private static final String LOOPBACK = "127.0.0.1";

    private Observability obs;
    private HealthChecks health;
    private HttpClient client;

    @BeforeEach
    void setUp() {
        obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build();
        health = HealthChecks.create(obs);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Counter.builder("demo.requests").register(obs.registry()).increment(3);
    }

    @AfterEach
    void tearDown() {
        health.close();
        obs.close();
    }

    @Test
    void metricsServesPrometheusText() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = get(endpoint, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body()).contains("\ndemo_requests_total{environment=\"test\",service=\"svc\"} 3.0\n");
            assertThat(response.body()).doesNotContain("# EOF");
        }
    }

    @Test
    void metricsServesOpenMetricsWhenAsked() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = send(
                    endpoint,
                    request(endpoint, "/metrics")
                            .header("Accept", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5")
                            .build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(response.body())
                    .contains("demo_requests_total{environment=\"test\",service=\"svc\"} 3.0")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void metricsAreGzippedWhenAccepted() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<byte[]> response = client.send(
                    request(endpoint, "/metrics")
                            .header("Accept-Encoding", "deflate, gzip;q=0.8")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
            String body = gunzip(response.body());
            assertThat(body).contains("demo_requests_total{environment=\"test\",service=\"svc\"} 3.0\n");
            assertThat(body).isEqualTo(obs.prometheusText());
        }
    }

    @Test
    void gzipRefusedWithQZeroIsNotUsed() {
        assertThat(Negotiation.acceptsGzip(List.of("gzip;q=0"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("identity, gzip ; q=0.000"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("br", "GZIP"))).isTrue();
        assertThat(Negotiation.acceptsGzip(List.of("*"))).isTrue();
        assertThat(Negotiation.acceptsGzip(null)).isFalse();
    }

    @Test
    void openMetricsRefusedWithQZeroGivesText() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = send(
                    endpoint,
                    request(endpoint, "/metrics")
                            .header("Accept", "application/openmetrics-text;q=0, text/plain")
                            .build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(EndpointHandler.PROMETHEUS_TEXT);
            assertThat(response.body()).doesNotContain("# EOF");
        }
    }

    @Test
    void metricsStayResponsiveWhileAHealthCheckHangs() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        health.register("slow", Duration.ofSeconds(3), () -> {
            runs.incrementAndGet();
            started.countDown();
            Thread.sleep(5_000);
            return HealthResult.up();
        });
        try (ObsHttpEndpoint endpoint = start()) {
            assertThat(get(endpoint, "/metrics").statusCode()).isEqualTo(200); // warm up the client
            List<CompletableFuture<HttpResponse<String>>> healths = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                healths.add(
                        client.sendAsync(request(endpoint, "/health").build(), HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // let every /health request reach the server

            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> metrics = get(endpoint, "/metrics");
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(tookMs)
                        .as("/metrics while /health waits on a hung check")
                        .isLessThan(1_000);
            }
            assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(200);

            for (CompletableFuture<HttpResponse<String>> response : healths) {
                HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).isEqualTo(503);
                assertThat(answered.body()).contains("\"detail\":\"timed out after 3000ms\"");
            }
            assertThat(runs).as("one run shared by every request").hasValue(1);
        }
    }

    @Test
    void healthReportIsServedFromTheCacheWithinTheRefreshInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        health.register("database", Duration.ofSeconds(1), () -> HealthResult.up("run " + runs.incrementAndGet()));
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .healthCacheFor(Duration.ofMinutes(1))
                .start()) {
            HttpResponse<String> first = get(endpoint, "/health");
            HttpResponse<String> second = get(endpoint, "/health");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body()).contains("\"detail\":\"run 1\"");
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void healthCacheOfZeroRunsTheChecksForEveryRequest() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        health.register("database", Duration.ofSeconds(1), () -> HealthResult.up("run " + runs.incrementAndGet()));
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .healthCacheFor(Duration.ZERO)
                .start()) {
            assertThat(get(endpoint, "/health").body()).contains("\"detail\":\"run 1\"");
            assertThat(get(endpoint, "/health").body()).contains("\"detail\":\"run 2\"");
            assertThat(runs).hasValue(2);
        }
    }

    @Test
    void healthCacheExpires() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        health.register("database", Duration.ofSeconds(1), () -> HealthResult.up("run " + runs.incrementAndGet()));
        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .healthCacheFor(Duration.ofMillis(100))
                .start()) {
            assertThat(get(endpoint, "/health").body()).contains("\"detail\":\"run 1\"");
            Thread.sleep(250);
            assertThat(get(endpoint, "/health").body()).contains("\"detail\":\"run 2\"");
        }
    }

    @Test
    void rejectsBadHealthCache() {
        assertThatThrownBy(() -> ObsHttpEndpoint.builder(obs).healthCacheFor(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("healthCacheFor");
        assertThatThrownBy(() -> ObsHttpEndpoint.builder(obs).healthCacheFor(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1h");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = send(
                    endpoint,
                    request(endpoint, "/metrics")
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(EndpointHandler.PROMETHEUS_TEXT);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void healthIsUpWhenChecksPass() throws Exception {
        health.register("database", Duration.ofSeconds(1), HealthResult::up);
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = get(endpoint, "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(response.body())
                    .matches(
                            "\\{\"status\":\"UP\",\"checks\":\\{\"database\":\\{\"status\":\"UP\",\"durationMs\":\\d+}}}");
        }
    }

    @Test
    void healthIs503WhenACheckFails() throws Exception {
        health.register("database", Duration.ofSeconds(1), HealthResult::up)
                .register("redis", Duration.ofSeconds(1), () -> {
                    throw new IllegalStateException("no route for jane.doe@example.com");
                });
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = get(endpoint, "/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body())
                    .startsWith("{\"status\":\"DOWN\",")
                    .contains("\"redis\":{\"status\":\"DOWN\"")
                    .contains("IllegalStateException: no route for ")
                    .doesNotContain("jane.doe@example.com");
        }
    }

    @Test
    void hangingCheckAnswers503WithinItsTimeout() throws Exception {
        health.register("redis", Duration.ofMillis(300), () -> {
            Thread.sleep(60_000);
            return HealthResult.up();
        });
        try (ObsHttpEndpoint endpoint = start()) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(endpoint, "/health");
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"detail\":\"timed out after 300ms\"");
            assertThat(tookMs).isLessThan(3_000);
        }
    }

    @Test
    void headOnHealthCarriesTheStatus() throws Exception {
        health.register("database", Duration.ofSeconds(1), () -> HealthResult.down("down"));
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = send(
                    endpoint,
                    request(endpoint, "/health")
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void closeLetsARunningRequestFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        health.register("database", Duration.ofSeconds(5), () -> {
            started.countDown();
            Thread.sleep(300);
            return HealthResult.up();
        });
        ObsHttpEndpoint endpoint = start();
        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request(endpoint, "/health").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        endpoint.close();

        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void healthWithoutChecksIsUp() throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(0).start()) {
            HttpResponse<String> response = get(endpoint, "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{}}");
        }
    }

    @Test
    void livenessIsAlwaysUp() throws Exception {
        health.register("database", Duration.ofSeconds(1), () -> HealthResult.down("down"));
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = get(endpoint, "/health/live");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void unknownPathIs404() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            assertThat(get(endpoint, "/").statusCode()).isEqualTo(404);
            assertThat(get(endpoint, "/metricsx").statusCode()).isEqualTo(404);
            assertThat(get(endpoint, "/health/ready").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        try (ObsHttpEndpoint endpoint = start()) {
            HttpResponse<String> response = send(
                    endpoint,
                    request(endpoint, "/metrics")
                            .POST(HttpRequest.BodyPublishers.ofString("x"))
                            .build());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }

    @Test
    void handlerFailureIs500AndTheServerKeepsServing() throws Exception {
        PrometheusMeterRegistry broken = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) {
            @Override
            public void scrape(OutputStream out, String contentType) {
                throw new IllegalStateException("scrape failed");
            }
        };
        try (Observability brokenObs = Observability.builder()
                        .serviceName("svc")
                        .environment("test")
                        .meterRegistry(broken)
                        .jvmMetrics(false)
                        .build();
                ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(brokenObs)
                        .host(LOOPBACK)
                        .port(0)
                        .start()) {
            HttpResponse<String> failed = get(endpoint, "/metrics");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("internal error: see the service log\n");
            assertThat(get(endpoint, "/metrics").statusCode()).isEqualTo(500);
            assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(200);
        } finally {
            broken.close();
        }
    }

    @Test
    void closeFreesThePort() throws Exception {
        int port;
        try (ObsHttpEndpoint first = start()) {
            port = first.port();
            assertThat(get(first, "/health/live").statusCode()).isEqualTo(200);
        }
        try (ObsHttpEndpoint second =
                ObsHttpEndpoint.builder(obs).host(LOOPBACK).port(port).start()) {
            assertThat(second.port()).isEqualTo(port);
            HttpClient fresh =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> response =
                    fresh.send(request(second, "/health/live").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void busyPortFailsWithAClearMessage() {
        try (ObsHttpEndpoint first = start()) {
            int port = first.port();
            assertThatThrownBy(() -> ObsHttpEndpoint.builder(obs)
                            .host(LOOPBACK)
                            .port(port)
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(LOOPBACK + ":" + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining(".port(");
        }
    }

    @Test
    void closeIsIdempotent() {
        ObsHttpEndpoint endpoint = start();
        endpoint.close();
        endpoint.close();
    }

    @Test
    void requiresAPrometheusRegistry() {
        try (Observability plain = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .meterRegistry(new SimpleMeterRegistry())
                .jvmMetrics(false)
                .build()) {
            assertThatThrownBy(() -> ObsHttpEndpoint.builder(plain)
                            .host(LOOPBACK)
                            .port(0)
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PrometheusMeterRegistry");
        }
    }

    @Test
    void rejectsBadPortAndHost() {
        assertThatThrownBy(() -> ObsHttpEndpoint.builder(obs).port(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> ObsHttpEndpoint.builder(obs).host(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    private ObsHttpEndpoint start() {
        return ObsHttpEndpoint.builder(obs)
                .host(LOOPBACK)
                .port(0)
                .health(health)
                .start();
    }

    private HttpRequest.Builder request(ObsHttpEndpoint endpoint, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(ObsHttpEndpoint endpoint, String path) throws IOException, InterruptedException {
        return send(endpoint, request(endpoint, path).GET().build());
    }

    private HttpResponse<String> send(ObsHttpEndpoint endpoint, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
