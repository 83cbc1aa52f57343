package io.escalation.obs.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExampleServiceTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesOnAFreeLoopbackPortUntilClosed() throws Exception {
        int port;
        try (ExampleService service = ExampleService.start("127.0.0.1", 0, Duration.ZERO, 42)) {
            port = service.port();
            assertThat(port).isPositive();
            assertThat(service.awaitTraffic(Duration.ofMillis(300)))
                    .as("traffic runs until closed")
                    .isFalse();
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("queue_depth{environment=\"development\",queue=\"tasks\","
                            + "service=\"client-escalation-calls\"}")
                    .contains("app_build_info{environment=\"development\",service=\"client-escalation-calls\","
                            + "version=\"" + ExampleService.version(System.getenv()) + "\"} 1\n");
        }
        assertThatThrownBy(() -> get(port, "/metrics")).isInstanceOf(ConnectException.class);
    }

    @Test
    void trafficStopsAfterItsDuration() throws Exception {
        try (ExampleService service = ExampleService.start("127.0.0.1", 0, Duration.ofMillis(300), 1)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(10))).isTrue();
            assertThat(get(service.port(), "/health").statusCode())
                    .as("still serving after the traffic")
                    .isEqualTo(200);
        }
    }

    @Test
    void theVersionIsAppVersionElseThisBuilds() {
        assertThat(ExampleService.version(java.util.Map.of("APP_VERSION", " 1.4.2 ")))
                .isEqualTo("1.4.2");
        assertThat(ExampleService.version(java.util.Map.of("APP_VERSION", " "))).isEqualTo(ExampleService.VERSION);
        assertThat(ExampleService.version(java.util.Map.of())).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void aBusyPortFailsFastAndNamesTheFix() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ExampleService.start("127.0.0.1", busy.getLocalPort(), Duration.ZERO, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
        assertThatThrownBy(() -> ExampleService.start("127.0.0.1", 0, Duration.ofSeconds(-1), 1))
                .hasMessageContaining("duration must be zero");
    }

    @Test
    void anErrorBurstAnswers500ThroughTheFilterUntilItIsEnded() throws Exception {
        try (ExampleService service =
                ExampleService.start("127.0.0.1", 0, 0, Duration.ZERO, 42, null, null, FaultSwitch.Mode.NONE)) {
            int api = service.appPort();
            assertThat(get(api, "/api/v1/campaigns").statusCode()).isEqualTo(200);

            HttpResponse<String> started = post(api, FaultSwitch.HTTP_ERRORS + "?ratio=1.0");
            assertThat(started.statusCode()).isEqualTo(200);
            assertThat(started.body()).isEqualTo("{\"http_errors_ratio\":1.0}");
            for (int i = 0; i < 5; i++) {
                assertThat(get(api, "/api/v1/campaigns").statusCode()).isEqualTo(500);
            }
            awaitMetric(
                    service.port(),
                    "http_requests_total\\{endpoint=\"/api/v1/campaigns\",environment=\"development\",method=\"GET\","
                            + "service=\"client-escalation-calls\",status=\"500\"} [1-9]");
            awaitMetric(service.port(), "http_requests_total\\{.*method=\"POST\",.*status=\"500\"} [1-9]");

            HttpResponse<String> half = post(api, FaultSwitch.HTTP_ERRORS + "?ratio=0.5");
            assertThat(half.body()).isEqualTo("{\"http_errors_ratio\":0.5}");
            Set<Integer> statuses = new TreeSet<>();
            for (int i = 0; i < 60; i++) {
                statuses.add(get(api, "/api/v1/campaigns").statusCode());
            }
            assertThat(statuses).as("a half of the requests fail").containsExactly(200, 500);

            assertThat(post(api, FaultSwitch.HTTP_ERRORS + "?ratio=0").statusCode())
                    .isEqualTo(200);
            assertThat(get(api, "/api/v1/campaigns").statusCode()).isEqualTo(200);

            assertThat(post(api, FaultSwitch.HTTP_ERRORS + "?ratio=1.5").statusCode())
                    .isEqualTo(400);
            assertThat(post(api, FaultSwitch.HTTP_ERRORS + "?ratio=lots").statusCode())
                    .isEqualTo(400);
            assertThat(post(api, FaultSwitch.HTTP_ERRORS).statusCode()).isEqualTo(400);
            assertThat(get(api, FaultSwitch.HTTP_ERRORS).statusCode()).isEqualTo(405);
            assertThat(get(api, "/api/v1/campaigns").statusCode())
                    .as("a refused admin call changes nothing")
                    .isEqualTo(200);
            assertThat(get(service.port(), "/metrics").body())
                    .as("the admin calls are not API traffic: not in http_requests_total")
                    .doesNotContain("/admin", "endpoint=\"NOT_FOUND\"");
        }
    }

    /** Polls the scrape until a line matches {@code pattern}: the traffic's own requests fail too. */
    private void awaitMetric(int port, String pattern) throws Exception {
        Pattern line = Pattern.compile(pattern);
        String metrics = "";
        for (int attempt = 0; attempt < 100 && !line.matcher(metrics).find(); attempt++) {
            Thread.sleep(100);
            metrics = get(port, "/metrics").body();
        }
        assertThat(metrics).containsPattern(line);
    }

    private HttpResponse<String> post(int port, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
