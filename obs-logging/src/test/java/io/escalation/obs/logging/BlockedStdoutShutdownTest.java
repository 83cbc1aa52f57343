package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service whose stdout is a pipe nobody reads: its console worker blocks in a write forever.
 * {@code System.exit} must still return: shutdown waits at most {@code maxFlushTime} per async
 * appender, whatever the downstream does.
 */
class BlockedStdoutShutdownTest {

    @TempDir
    Path dir;

    /** The child JVM: logs until stdout is full, then exits. */
    public static final class Child {
        public static void main(String[] args) {
            Logger log = LoggerFactory.getLogger("app");
            String filler = "x".repeat(300);
            for (int i = 0; i < 20_000; i++) {
                log.info("line {} {}", i, filler);
            }
            System.err.println("exiting");
            System.err.flush();
            System.exit(0);
        }
    }

    @Test
    void exitReturnsWithinItsBoundWhenStdoutIsAPipeNobodyReads() throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "</configuration>\n");
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dlogback.configurationFile=" + config,
                        Child.class.getName()))
                .redirectOutput(ProcessBuilder.Redirect.PIPE) // never read: the pipe fills and writes block
                .redirectError(stderr.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!exiting(stderr) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(exiting(stderr))
                    .as("the child logged and called System.exit; stderr: %s", Files.readString(stderr))
                    .isTrue();
            assertThat(child.waitFor(10, TimeUnit.SECONDS))
                    .as("System.exit returned within 10 s (3 async appenders x 1 s maxFlushTime, with margin)")
                    .isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(new File(dir.toFile(), "logs/combined.log")).isNotEmpty();
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean exiting(Path stderr) throws java.io.IOException {
        return Files.exists(stderr)
                && Files.readString(stderr, StandardCharsets.UTF_8).contains("exiting");
    }
}
