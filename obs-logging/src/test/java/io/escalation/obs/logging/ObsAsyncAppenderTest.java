package io.escalation.obs.logging;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObsAsyncAppenderTest {

    /** An appender stuck on its first event until released: a disk or pipe that stopped draining. */
    static final class StuckAppender extends AppenderBase<ILoggingEvent> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    @Test
    void neverBlocksDiscardsInfoFirstAndCountsEveryDrop() throws Exception {
        try (JsonLines logs = new JsonLines();
                TestObservability test = TestObservability.create()) {
            StuckAppender stuck = new StuckAppender();
            stuck.setContext(logs.context);
            stuck.start();
            ObsAsyncAppender async = new ObsAsyncAppender();
            async.setContext(logs.context);
            async.setName("ASYNC");
            async.setQueueSize(4);
            async.setDiscardingThreshold(2);
            async.addAppender(stuck);
            async.start();
            logs.routeThrough(async);
            logs.root().setLevel(Level.DEBUG);

            logs.logger("app").info("first");
            assertThat(stuck.entered.await(5, TimeUnit.SECONDS))
                    .as("worker took the first event")
                    .isTrue();
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                logs.logger("app").info("info " + i); // 3 queued, then 7 discarded (< 2 free slots)
            }
            logs.logger("app").warn("warn 0"); // the last free slot
            logs.logger("app").warn("warn 1"); // queue full
            logs.logger("app").error("error 0"); // queue full
            logs.logger("obs.audit.tcpa").info("opt-out"); // audit: not discarded early, but the queue is full
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(elapsedMs).as("14 events against a stuck appender").isLessThan(500);
            assertThat(async.dropped(Level.INFO, ObsAsyncAppender.DropReason.DISCARDED))
                    .isEqualTo(7);
            assertThat(async.dropped(Level.INFO, ObsAsyncAppender.DropReason.QUEUE_FULL))
                    .isEqualTo(1);
            assertThat(async.dropped(Level.WARN, ObsAsyncAppender.DropReason.QUEUE_FULL))
                    .isEqualTo(1);
            assertThat(async.dropped(Level.ERROR, ObsAsyncAppender.DropReason.QUEUE_FULL))
                    .isEqualTo(1);
            assertThat(async.dropped(Level.WARN, ObsAsyncAppender.DropReason.DISCARDED))
                    .isZero();

            assertThat(ObsLogging.install(test.obs(), logs.context)).isEqualTo(1);
            assertThatScrape(test)
                    .hasSample(
                            "logging_events_dropped_total",
                            7,
                            "appender",
                            "ASYNC",
                            "level",
                            "info",
                            "reason",
                            "discarded")
                    .hasSample(
                            "logging_events_dropped_total",
                            1,
                            "appender",
                            "ASYNC",
                            "level",
                            "info",
                            "reason",
                            "queue_full")
                    .hasSample(
                            "logging_events_dropped_total",
                            1,
                            "appender",
                            "ASYNC",
                            "level",
                            "warn",
                            "reason",
                            "queue_full")
                    .hasSample(
                            "logging_events_dropped_total",
                            1,
                            "appender",
                            "ASYNC",
                            "level",
                            "error",
                            "reason",
                            "queue_full")
                    .hasSample(
                            "logging_events_dropped_total",
                            0,
                            "appender",
                            "ASYNC",
                            "level",
                            "debug",
                            "reason",
                            "discarded")
                    .hasNoSample("logging_events_dropped_total", "level", "warn", "reason", "discarded");
            assertThat(logs.context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getLevel() == Status.WARN)
                    .extracting(Status::getMessage)
                    .singleElement()
                    .asString()
                    .contains("ASYNC", "logging_events_dropped_total");

            stuck.release.countDown();
            async.stop();
            assertThat(stuck.written)
                    .containsExactly("INFO first", "INFO info 0", "INFO info 1", "INFO info 2", "WARN warn 0");
        }
    }

    @Test
    void traceIdsAreThoseOfTheLoggingThread() {
        try (JsonLines logs = new JsonLines().start();
                TestObservability test = TestObservability.create()) {
            ObsAsyncAppender async = new ObsAsyncAppender();
            async.setContext(logs.context);
            async.setName("ASYNC");
            async.addAppender(logs.out);
            async.start();
            logs.routeThrough(async);

            Span span = test.obs()
                    .openTelemetry()
                    .getTracer("test")
                    .spanBuilder("send_sms")
                    .startSpan();
            try (Scope scope = span.makeCurrent()) {
                logs.logger("app").info("inside");
            } finally {
                span.end();
            }
            logs.logger("app").info("outside");
            async.stop();

            List<JsonNode> lines = logs.lines();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).get("trace_id").asText())
                    .isEqualTo(span.getSpanContext().getTraceId());
            assertThat(lines.get(0).get("span_id").asText())
                    .isEqualTo(span.getSpanContext().getSpanId());
            assertThat(lines.get(0).get("thread").asText())
                    .isEqualTo(Thread.currentThread().getName());
            assertThat(lines.get(1).has("trace_id")).isFalse();
            assertThat(logs.text())
                    .as("trace ids written once")
                    .containsOnlyOnce(span.getSpanContext().getTraceId());
        }
    }

    @Test
    void misconfigurationIsReportedAndTheAppenderStaysStopped() {
        try (JsonLines logs = new JsonLines()) {
            ObsAsyncAppender noQueue = new ObsAsyncAppender();
            noQueue.setContext(logs.context);
            noQueue.setName("A");
            noQueue.setQueueSize(0);
            noQueue.addAppender(logs.out);
            noQueue.start();
            ObsAsyncAppender threshold = new ObsAsyncAppender();
            threshold.setContext(logs.context);
            threshold.setName("B");
            threshold.setQueueSize(10);
            threshold.setDiscardingThreshold(11);
            threshold.addAppender(logs.out);
            threshold.start();
            ObsAsyncAppender empty = new ObsAsyncAppender();
            empty.setContext(logs.context);
            empty.setName("C");
            empty.start();

            assertThat(noQueue.isStarted()).isFalse();
            assertThat(threshold.isStarted()).isFalse();
            assertThat(empty.isStarted()).isFalse();
            assertThat(logs.context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getLevel() == Status.ERROR)
                    .extracting(Status::getMessage)
                    .containsExactly(
                            "ObsAsyncAppender [A]: queueSize 0 is invalid; use 1 or more, e.g. <queueSize>8192</queueSize>",
                            "ObsAsyncAppender [B]: discardingThreshold 11 exceeds queueSize 10; use at most queueSize,"
                                    + " or 0 to never discard early",
                            "ObsAsyncAppender [C]: no appender attached; add an <appender-ref ref=\"...\"/>");
        }
    }
}
