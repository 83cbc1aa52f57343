package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server process the end-to-end tests start on loopback (Prometheus, Alertmanager, the
 * example service in its own JVM), its output in a log file. {@link #close()} stops it (SIGTERM,
 * then SIGKILL after 10 s); a JVM shutdown hook kills it if the test never gets there.
 */
final class LoopbackProcess implements AutoCloseable {

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private LoopbackProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code command}, its standard output and error appended to {@code log}. */
    static LoopbackProcess start(String name, Path log, List<String> command) {
        return start(name, log, command, Map.of());
    }

    /** As {@link #start(String, Path, List)}, {@code environment} added to the process's environment. */
    static LoopbackProcess start(String name, Path log, List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new LoopbackProcess(name, process, log);
        } catch (IOException e) {
            return fail("%s would not start (%s): %s", name, command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would end it; returns once it has exited. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** A check polled by {@link #await}. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} every 200 ms until it holds; fails with the end of the log when the
     * process exits first or {@code deadlineNanos} ({@link System#nanoTime()}) passes. An
     * IOException or AssertionError from the condition counts as "not yet".
     */
    void await(String what, long deadlineNanos, Condition condition) throws Exception {
        long started = System.nanoTime();
        while (true) {
            if (!process.isAlive()) {
                fail("%s exited (%d) while waiting for %s; its log:%n%s", name, process.exitValue(), what, logTail());
            }
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException | AssertionError notYet) {
                // not listening yet, or not answering yet
            }
            if (System.nanoTime() > deadlineNanos) {
                fail(
                        "timed out (%d s) waiting for %s; %s's log:%n%s",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), what, name, logTail());
            }
            Thread.sleep(200);
        }
    }

    /** The last 30 lines of the log. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The absolute path of {@code command} on the PATH; fails naming the Debian package that brings it. */
    static String onPath(String command, String aptPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(
                "%s is not on the PATH; the end-to-end tests run it: install the Debian package %s"
                        + " (apt-get install -y %s, as ./run-tests.sh does)",
                command, aptPackage, aptPackage);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The status of a GET of {@code url}, or -1 when nothing answers. */
    static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
