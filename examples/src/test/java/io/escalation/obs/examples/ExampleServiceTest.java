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

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
