package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Alertmanager (Debian package {@value #APT_PACKAGE}) on a loopback port, started with a
 * configuration file, its data and log in a temporary directory, gossip off (so that several can
 * run at once), and its API v2.
 */
final class LocalAlertmanager implements AutoCloseable {

    static final String APT_PACKAGE = "prometheus-alertmanager";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String url;
    private final LoopbackProcess process;

    private LocalAlertmanager(String url, LoopbackProcess process) {
        this.url = url;
        this.process = process;
    }

    /** Starts Alertmanager on {@code 127.0.0.1:port} with {@code config}; data and log under {@code dir}. */
    static LocalAlertmanager start(Path dir, Path config, int port) throws IOException {
        String binary = LoopbackProcess.onPath("prometheus-alertmanager", APT_PACKAGE);
        LoopbackProcess process = LoopbackProcess.start(
                "Alertmanager",
                dir.resolve("alertmanager.log"),
                List.of(
                        binary,
                        "--config.file=" + config,
                        "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="));
        return new LocalAlertmanager("http://127.0.0.1:" + port, process);
    }

    /** Waits for {@code /-/ready}; fails with Alertmanager's log when it exits or does not get there in time. */
    LocalAlertmanager awaitReady(long deadlineNanos) throws Exception {
        process.await(
                "Alertmanager to be ready on " + url,
                deadlineNanos,
                () -> LoopbackProcess.status(url + "/-/ready") == 200);
        return this;
    }

    String logTail() {
        return process.logTail();
    }

    /** A GET of the API ({@code /api/v2/alerts}, ...), which must answer 200. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = LoopbackProcess.HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    /**
     * Starts a member of a cluster: as {@link #start}, but gossiping on {@code 127.0.0.1:clusterPort}
     * (listened on and advertised) and joining {@code peers}, the other members' cluster addresses
     * ({@code host:port}); {@code flags} are added to the command line.
     */
    static LocalAlertmanager startClustered(
            Path dir, Path config, int port, int clusterPort, List<String> peers, List<String> flags)
            throws IOException {
        String binary = LoopbackProcess.onPath("prometheus-alertmanager", APT_PACKAGE);
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=127.0.0.1:" + clusterPort,
                "--cluster.advertise-address=127.0.0.1:" + clusterPort));
        peers.forEach(peer -> command.add("--cluster.peer=" + peer));
        command.addAll(flags);
        LoopbackProcess process = LoopbackProcess.start("Alertmanager", dir.resolve("alertmanager.log"), command);
        return new LocalAlertmanager("http://127.0.0.1:" + port, process);
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }
}
