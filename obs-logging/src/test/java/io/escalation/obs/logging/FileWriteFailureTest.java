package io.escalation.obs.logging;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import io.escalation.obs.test.TestObservability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file appender behind an {@link ObsAsyncAppender} on a disk that is full, for real: {@code /dev/full}
 * answers every write with ENOSPC. logback's file appender swallows the failure after one status; each
 * event it could not write is counted in {@code logging_events_dropped_total{reason="write_failed"}}.
 */
class FileWriteFailureTest {

    @Test
    void everyEventLostOnAFullDiskIsCounted() throws Exception {
        try (JsonLines logs = new JsonLines();
                TestObservability test = TestObservability.create()) {
            ObsAsyncAppender async = asyncFileAppender(logs, Path.of("/dev/full"));
            assertThat(ObsLogging.install(test.obs(), logs.context)).isEqualTo(1);

            for (int i = 0; i < 40; i++) {
                logs.logger("app").info("campaign {} scheduled", i);
            }
            logs.logger("app").error("dialer failed");
            awaitWritten(async, 41);

            assertThat(async.dropped(Level.INFO, ObsAsyncAppender.DropReason.WRITE_FAILED))
                    .isEqualTo(40);
            assertThat(async.dropped(Level.ERROR, ObsAsyncAppender.DropReason.WRITE_FAILED))
                    .isEqualTo(1);
            assertThatScrape(test)
                    .hasSample(
                            "logging_events_dropped_total",
                            40,
                            "appender",
                            "ASYNC_FILE",
                            "level",
                            "info",
                            "reason",
                            "write_failed")
                    .hasSample(
                            "logging_events_dropped_total",
                            1,
                            "appender",
                            "ASYNC_FILE",
                            "level",
                            "error",
                            "reason",
                            "write_failed");
            assertThat(logs.context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getLevel() == Status.WARN)
                    .extracting(Status::getMessage)
                    .anySatisfy(message -> assertThat(message).contains("ASYNC_FILE", "write_failed"));
        }
    }

    /**
     * The file is a symbolic link to {@code /dev/full}, then to a real file: logback reopens the path when
     * it retries, so the disk "gets space again" for real. Every event is either in the file or counted,
     * never both and never neither.
     */
    @Test
    void afterTheDiskRecoversEveryEventIsWrittenOrCountedExactlyOnce(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("combined.log");
        Files.createSymbolicLink(link, Path.of("/dev/full"));
        try (JsonLines logs = new JsonLines()) {
            ObsAsyncAppender async = asyncFileAppender(logs, link);
            int logged = 0;
            for (; logged < 10; logged++) {
                logs.logger("app").info("event {}", logged);
            }
            awaitWritten(async, logged);
            assertThat(async.dropped(Level.INFO, ObsAsyncAppender.DropReason.WRITE_FAILED))
                    .isEqualTo(10);

            Path real = dir.resolve("real.log");
            Files.createFile(real);
            Files.delete(link);
            Files.createSymbolicLink(link, real);
            // logback retries after a back-off (20 ms, then longer): log until lines arrive, then some more
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Files.size(real) == 0 && System.nanoTime() < deadline) {
                logs.logger("app").info("event {}", logged++);
                Thread.sleep(5);
            }
            for (int i = 0; i < 20; i++) {
                logs.logger("app").info("event {}", logged++);
            }
            awaitWritten(async, logged);

            List<String> lines = Files.readAllLines(real, StandardCharsets.UTF_8);
            long lost = async.dropped(Level.INFO, ObsAsyncAppender.DropReason.WRITE_FAILED);
            assertThat(lines).as("the disk has space again").isNotEmpty().last().isEqualTo("event " + (logged - 1));
            assertThat(lines.size() + lost)
                    .as("written + counted, of %d logged", logged)
                    .isEqualTo(logged);
        }
    }

    /** {@code ASYNC_FILE}, an {@link ObsAsyncAppender} in front of a plain file appender on {@code file}. */
    private static ObsAsyncAppender asyncFileAppender(JsonLines logs, Path file) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logs.context);
        encoder.setPattern("%msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(logs.context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        assertThat(appender.isStarted()).as("the file opened").isTrue();
        ObsAsyncAppender async = new ObsAsyncAppender();
        async.setContext(logs.context);
        async.setName("ASYNC_FILE");
        async.setDiscardingThreshold(0);
        async.addAppender(appender);
        async.start();
        logs.routeThrough(async);
        logs.root().setLevel(Level.DEBUG);
        return async;
    }

    /** Waits until the worker has handed {@code count} events on. */
    private static void awaitWritten(ObsAsyncAppender async, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (async.handed() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(async.handed()).as("events handed to the file appender").isEqualTo(count);
    }
}
