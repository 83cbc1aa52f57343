package io.escalation.obs.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoreDemoTest {

    @Test
    void servesMetricsAndHealthOverRealHttp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int demoPort = port;
        Thread demo = new Thread(() -> {
            try {
                CoreDemo.main(new String[] {"--port", String.valueOf(demoPort), "--app-port", "0", "--duration", "4"});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        demo.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> metrics = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // start-up opens the database too
        while (metrics == null && System.nanoTime() < deadline) {
            try {
                metrics = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demoPort + "/metrics"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(metrics).isNotNull();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("queue_depth{environment=\"development\",queue=\"tasks\","
                        + "service=\"client-escalation-calls\"}");
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");

        HttpResponse<String> health = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demoPort + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").contains("\"disk\":{\"status\":\"UP\"");
        demo.join(15_000);
        assertThat(demo.isAlive()).isFalse();
    }

    @Test
    void optionsAreParsedAndValidated() {
        assertThat(DemoOptions.parse("--port", "9191", "--duration", "5", "--seed", "3"))
                .isEqualTo(new DemoOptions("0.0.0.0", 9191, 8080, 5, 3, null, null, null, FaultSwitch.Mode.DEMO));
        assertThat(DemoOptions.parse("--host", "127.0.0.1", "--app-port", "8181", "--log-dir", "/tmp/x"))
                .isEqualTo(
                        new DemoOptions("127.0.0.1", 9090, 8181, 0, 42, "/tmp/x", null, null, FaultSwitch.Mode.DEMO));
        assertThat(DemoOptions.parse())
                .isEqualTo(new DemoOptions("0.0.0.0", 9090, 8080, 0, 42, null, null, null, FaultSwitch.Mode.DEMO));
        assertThat(DemoOptions.parse(
                        "--db",
                        "jdbc:postgresql://127.0.0.1:5432/escalation?user=app",
                        "--redis",
                        "redis://127.0.0.1:6379"))
                .isEqualTo(new DemoOptions(
                        "0.0.0.0",
                        9090,
                        8080,
                        0,
                        42,
                        null,
                        "jdbc:postgresql://127.0.0.1:5432/escalation?user=app",
                        "redis://127.0.0.1:6379",
                        FaultSwitch.Mode.DEMO));
        assertThat(DemoOptions.parse("--faults", "none").faults()).isEqualTo(FaultSwitch.Mode.NONE);
        assertThat(DemoOptions.parse("--faults", "demo").faults()).isEqualTo(FaultSwitch.Mode.DEMO);
        assertThatThrownBy(() -> DemoOptions.parse("--faults", "some"))
                .hasMessageContaining("--faults takes none or demo");
        assertThatThrownBy(() -> DemoOptions.parse("--db", "jdbc:mysql://db/x"))
                .hasMessageContaining("PostgreSQL JDBC URL");
        assertThatThrownBy(() -> DemoOptions.parse("--redis", "127.0.0.1:6379")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> DemoOptions.parse("--app-port", "9090")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> DemoOptions.parse("--speed", "1")).hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageContaining("0-65535");
    }
}
