package io.escalation.obs.examples;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
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
                CoreDemo.main(new String[] {"--port", String.valueOf(demoPort), "--duration", "4"});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        demo.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> metrics = null;
        for (int attempt = 0; attempt < 50 && metrics == null; attempt++) {
            try {
                metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demoPort + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(metrics).isNotNull();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("queue_depth{environment=\"development\",queue=\"tasks\","
                + "service=\"client-escalation-calls\"}");
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + demoPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").contains("\"disk\":{\"status\":\"UP\"");
        demo.join(15_000);
        assertThat(demo.isAlive()).isFalse();
    }

    @Test
    void seededTrafficIsReproducible() throws Exception {
        String first = runSimulation(7);
        String second = runSimulation(7);
        assertThat(first).isEqualTo(second).contains("app_errors_total");
        assertThat(runSimulation(8)).isNotEqualTo(first);
    }

    private static String runSimulation(long seed) throws Exception {
        try (TestObservability test = TestObservability.create()) {
            CoreDemo.simulate(test.obs(), new LinkedBlockingQueue<>(), new java.util.Random(seed), 500, 0);
            assertThatScrape(test).hasNoPiiInLabels().hasNoInstrumentationErrors();
            StringBuilder errors = new StringBuilder();
            test.scrape().lines().filter(l -> l.startsWith("app_errors_total")).forEach(errors::append);
            return errors.toString();
        }
    }

    @Test
    void optionsAreParsedAndValidated() {
        assertThat(DemoOptions.parse("--port", "8080", "--duration", "5", "--seed", "3"))
                .isEqualTo(new DemoOptions("0.0.0.0", 8080, 5, 3));
        assertThat(DemoOptions.parse("--host", "127.0.0.1")).isEqualTo(new DemoOptions("127.0.0.1", 9090, 0, 42));
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions("0.0.0.0", 9090, 0, 42));
        assertThatThrownBy(() -> DemoOptions.parse("--speed", "1")).hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageContaining("0-65535");
    }
}
