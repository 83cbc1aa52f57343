package io.escalation.obs.core.spi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.AuditEvent;
import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/** The writer over a recording SLF4J logger (what a backend receives) and real Micrometer counters. */
class AuditWriterTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final RecordingLogger logger = new RecordingLogger("obs.audit.test");
    private final List<Event> stored = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void logsOneKeyValuePairPerFieldAndStoresTheEvent() {
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, stored::add);
        Event event = new Event("consent_revoked", "service", "svc", "consumer_id_hash", "181904bb", "channel", "sms");
        writer.write(event);

        assertThat(stored).containsExactly(event);
        assertThat(stored.get(0).fields()).containsEntry("service", "svc");
        // the log line has its service from the encoder: a second "service" key would be a duplicate
        assertThat(logger.events).hasSize(1);
        LoggingEvent logged = logger.events.get(0);
        assertThat(logged.getLevel()).isEqualTo(Level.INFO);
        assertThat(logged.getMessage()).isEqualTo("consent_revoked");
        assertThat(logged.getKeyValuePairs())
                .extracting(p -> p.key + "=" + p.value)
                .containsExactly("event=consent_revoked", "consumer_id_hash=181904bb", "channel=sms");
        assertThat(scrape()).contains(sample("recorded", 1)).doesNotContain("outcome=\"dropped\"} 1");
    }

    @Test
    void everyOutcomeIsScrapedAtZeroBeforeTheFirstEvent() {
        // the alerts on outcome!="recorded" use increase(): the first failure must not create its series
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, stored::add);

        assertThat(scrape())
                .contains(sample("recorded", 0), sample("failed", 0), sample("sink_failed", 0), sample("dropped", 0));
        assertThat(writer.write(new Event("a"))).isTrue();
        assertThat(scrape()).contains(sample("recorded", 1), sample("failed", 0));
    }

    @Test
    void aFailingSinkIsCountedAndTheEventStillLogged() {
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, event -> {
            throw new IllegalStateException("table full");
        });
        writer.write(new Event("a"));
        writer.write(new Event("b"));

        assertThat(logger.events).extracting(LoggingEvent::getMessage).containsExactly("a", "b");
        assertThat(scrape()).contains(sample("sink_failed", 2), sample("recorded", 0), sample("dropped", 0));
    }

    @Test
    void withoutASinkADisabledOrFailingLoggerCountsAsDropped() {
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, null);
        writer.write(new Event("a"));
        logger.infoEnabled = false;
        writer.write(new Event("b"));
        logger.infoEnabled = true;
        logger.failing = true;
        writer.write(new Event("c"));

        assertThat(logger.events).extracting(LoggingEvent::getMessage).containsExactly("a");
        assertThat(scrape()).contains(sample("recorded", 1), sample("dropped", 2));
    }

    @Test
    void aFailingLoggerDoesNotCostTheSinkItsRecord() {
        logger.failing = true;
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, stored::add);
        writer.write(new Event("a"));

        assertThat(stored).hasSize(1);
        assertThat(scrape()).contains(sample("recorded", 1));
    }

    @Test
    void startUpFailsWhenEveryEventWouldBeLost() {
        String name = "obs.audit.test.off";
        System.setProperty("org.slf4j.simpleLogger.log." + name, "warn");
        try {
            assertThatThrownBy(() -> AuditWriter.<Event>create(
                            obs, name, Meters.EVENTS, Labels.OUTCOME, null, "TestAudit.builder(...).sink(...)"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("audit events would be lost: the obs.audit.test.off logger is disabled at INFO and no"
                            + " sink is set; enable the logger at INFO or pass TestAudit.builder(...).sink(...)");
            assertThat(AuditWriter.<Event>create(obs, name, Meters.EVENTS, Labels.OUTCOME, stored::add, "unused"))
                    .isNotNull();
        } finally {
            System.clearProperty("org.slf4j.simpleLogger.log." + name);
        }
        AuditWriter<Event> loggerOnly =
                AuditWriter.create(obs, "obs.audit.test.on", Meters.EVENTS, Labels.OUTCOME, null, "unused");
        loggerOnly.write(new Event("a"));
        assertThat(scrape()).contains(sample("recorded", 1));
    }

    @Test
    void aWriteTheAuditAppenderReportsFailedIsCountedFailedLoggedOnceAndTurnsTheHealthCheckDown() throws Exception {
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, null);
        assertThat(writer.healthCheck().check().isUp()).isTrue();
        logger.receipt = () -> AuditReceipt.failed("No space left on device, writing to jane@example.com");
        assertThat(writer.write(new Event("a"))).isFalse();
        assertThat(writer.write(new Event("b"))).isFalse();

        assertThat(scrape())
                .contains(sample("failed", 2), sample("recorded", 0))
                .contains("system_errors_total{environment=\"test\",service=\"svc\",type=\"disk_full\"} 2.0");
        assertThat(writer.failing()).isTrue();
        assertThat(writer.healthCheck().check().detail())
                .hasValueSatisfying(
                        detail -> assertThat(detail)
                                .startsWith("2 audit record(s) of obs.audit.test not recorded since ")
                                .endsWith(
                                        ": the audit appender could not write it (No space left on device, writing to [EMAIL])"));

        logger.receipt = AuditReceipt::written;
        assertThat(writer.write(new Event("c"))).isTrue();
        assertThat(scrape()).contains(sample("failed", 2), sample("recorded", 1));
        assertThat(writer.healthCheck().check().isUp()).isTrue();
    }

    @Test
    void aFailedFileWithAWorkingSinkIsFailedAndWithAFailingSinkDropped() {
        logger.receipt = () -> AuditReceipt.failed("File too large");
        AuditWriter<Event> keeps = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, stored::add);
        keeps.write(new Event("a"));
        AuditWriter<Event> loses = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, event -> {
            throw new IllegalStateException("table full");
        });
        loses.write(new Event("b"));

        assertThat(stored).hasSize(1);
        assertThat(scrape()).contains(sample("failed", 1), sample("dropped", 1), sample("recorded", 0));
    }

    @Test
    void receiptsOutsideAWriteAreIgnored() {
        AuditReceipt.failed("not part of any audit write");
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, null);
        assertThat(writer.write(new Event("a"))).isTrue();
        assertThat(scrape()).contains(sample("recorded", 1));
    }

    @Test
    void aSinkOnAFullDiskIsCountedAsDiskFullAndOtherSinkFailuresAreNot() {
        java.nio.file.Path full = java.nio.file.Path.of("/dev/full"); // ENOSPC on every write, as on a full disk
        AuditWriter<Event> writer = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, event -> {
            try {
                java.nio.file.Files.writeString(full, event.type() + "\n", java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.write(new Event("a"));
        AuditWriter<Event> denied = new AuditWriter<>(obs, logger, Meters.EVENTS, Labels.OUTCOME, event -> {
            throw new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/var/audit"));
        });
        denied.write(new Event("b"));

        assertThat(scrape())
                .contains(sample("sink_failed", 2))
                .contains("system_errors_total{environment=\"test\",service=\"svc\",type=\"disk_full\"} 1.0");
    }

    private String scrape() {
        return obs.prometheusText();
    }

    private static String sample(String outcome, int count) {
        return "test_audit_events_total{environment=\"test\",outcome=\"" + outcome + "\",service=\"svc\"} " + count
                + ".0\n";
    }

    /** An event whose first field is its type. */
    static final class Event implements AuditEvent {
        private final Map<String, String> fields = new LinkedHashMap<>();

        Event(String type, String... keysAndValues) {
            fields.put("event", type);
            for (int i = 0; i < keysAndValues.length; i += 2) {
                fields.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }

        @Override
        public String type() {
            return fields.get("event");
        }

        @Override
        public Map<String, String> fields() {
            return Collections.unmodifiableMap(fields);
        }
    }

    enum Labels implements ObsLabel {
        OUTCOME;

        @Override
        public LabelSpec spec() {
            return new LabelSpec("outcome", "recorded, failed, sink_failed, dropped", false);
        }
    }

    enum Meters implements ObsMeter {
        EVENTS;

        private static final MeterSpec SPEC = MeterSpec.of(
                "test.audit.events", Meter.Type.COUNTER, null, "Test audit events by outcome", "", Labels.OUTCOME);

        @Override
        public MeterSpec spec() {
            return SPEC;
        }
    }

    /** What an SLF4J backend receives through the fluent API, key-value pairs included. */
    static final class RecordingLogger extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;
        final transient List<LoggingEvent> events = new ArrayList<>();
        volatile boolean infoEnabled = true;
        volatile boolean failing;
        /** What the backend's audit appender reports while logging, as ObsAuditAppender does. */
        volatile Runnable receipt = () -> {};

        RecordingLogger(String name) {
            this.name = name;
        }

        @Override
        public void log(LoggingEvent event) {
            if (failing) {
                throw new IllegalStateException("appender broken");
            }
            events.add(event);
            receipt.run();
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return infoEnabled;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected @Nullable String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level,
                @Nullable Marker marker,
                String messagePattern,
                Object @Nullable [] arguments,
                @Nullable Throwable throwable) {
            throw new UnsupportedOperationException("audit events go through the fluent API");
        }
    }
}
