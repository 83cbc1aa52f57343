package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (Debian package {@value #APT_PACKAGE}) on a loopback port, started with a
 * configuration file a test wrote, its data and log in a temporary directory, and its HTTP API.
 */
final class LocalPrometheus implements AutoCloseable {

    static final String APT_PACKAGE = "prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String url;
    private final LoopbackProcess process;

    private LocalPrometheus(String url, LoopbackProcess process) {
        this.url = url;
        this.process = process;
    }

    /**
     * Starts Prometheus on {@code 127.0.0.1:port} with {@code config} and exemplar storage on; data and log
     * under {@code dir}.
     */
    static LocalPrometheus start(Path dir, Path config, int port) throws IOException {
        return start(dir, config, port, Map.of(), List.of());
    }

    /**
     * As {@link #start(Path, Path, int)}, with {@code environment} added to the process's environment and
     * {@code flags} to its command line. Started again on the same {@code dir}, it reopens the same data.
     */
    static LocalPrometheus start(Path dir, Path config, int port, Map<String, String> environment, List<String> flags)
            throws IOException {
        String binary = LoopbackProcess.onPath("prometheus", APT_PACKAGE);
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--storage.tsdb.retention.time=1h",
                // as deploy/local-stack.sh runs it: exemplars (trace ids on latency buckets) are kept
                "--enable-feature=exemplar-storage",
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(flags);
        LoopbackProcess process =
                LoopbackProcess.start("Prometheus", dir.resolve("prometheus.log"), command, environment);
        return new LocalPrometheus("http://127.0.0.1:" + port, process);
    }

    /** Waits for {@code /-/ready}. */
    LocalPrometheus awaitReady(long deadlineNanos) throws Exception {
        await("Prometheus to be ready on " + url, deadlineNanos, () -> LoopbackProcess.status(url + "/-/ready") == 200);
        return this;
    }

    /** See {@link LoopbackProcess#await}: fails with Prometheus's log. */
    void await(String what, long deadlineNanos, LoopbackProcess.Condition condition) throws Exception {
        process.await(what, deadlineNanos, condition);
    }

    String logTail() {
        return process.logTail();
    }

    /** The active target of {@code job}. */
    JsonNode target(String job) throws Exception {
        JsonNode targets = api("/api/v1/targets?state=active").path("activeTargets");
        for (JsonNode target : targets) {
            if (job.equals(target.path("labels").path("job").asText())) {
                return target;
            }
        }
        return fail("Prometheus has no active target of job %s: %s", job, targets);
    }

    /** Every rule Prometheus loaded, with its health and, for alerts, its state. */
    List<JsonNode> rules() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        api("/api/v1/rules").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** The first value of an instant query, 0 when its result is empty. */
    double scalar(String expr) throws Exception {
        JsonNode result = api("/api/v1/query?query=" + encode(expr)).path("result");
        return result.size() == 0 ? 0 : result.get(0).path("value").get(1).asDouble();
    }

    /** The {@code data} of an API answer; fails unless its status is success. */
    JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = send(pathAndQuery);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText())
                .as("%s: %s", pathAndQuery, response.body())
                .isEqualTo("success");
        return body.path("data");
    }

    HttpResponse<String> send(String pathAndQuery) throws Exception {
        return LoopbackProcess.HTTP.send(
                HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    /** As {@link #start(Path, Path, int)}, with {@code flags} added to the command line. */
    static LocalPrometheus start(Path dir, Path config, int port, List<String> flags) throws IOException {
        return start(dir, config, port, Map.of(), flags);
    }
}
