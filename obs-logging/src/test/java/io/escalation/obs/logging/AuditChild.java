package io.escalation.obs.logging;

import ch.qos.logback.classic.LoggerContext;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.AuditEvent;
import io.escalation.obs.core.spi.audit.AuditWriter;
import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A service in its own JVM, run by {@link AuditFileFailureTest} under {@code ulimit -f}: logback configured
 * by {@code -Dlogback.configurationFile} (the one-line include), {@link ObsLogging#install}, then
 * {@code args[0]} audit events through an {@link AuditWriter} on {@code obs.audit.security}. Prints what
 * the test reads on stdout (a pipe, which no file-size limit applies to): the console log lines, then
 * {@code INSTALL}, {@code HEALTH} and the scrape after a {@code SCRAPE} line.
 */
final class AuditChild {

    private AuditChild() {}

    public static void main(String[] args) {
        int events = Integer.parseInt(args[0]);
        Observability obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build();
        String install;
        try {
            ObsLogging.install(obs);
            install = "ok";
        } catch (IllegalStateException e) {
            install = e.getMessage();
        }
        AuditWriter<Event> writer =
                AuditWriter.create(obs, "obs.audit.security", Meters.EVENTS, Labels.OUTCOME, null, "AuditChild.sink");
        for (int i = 0; i < events; i++) {
            writer.write(new Event(i));
        }
        String health = HealthProbe.of(writer);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop(); // drains the console queue
        System.out.println("INSTALL " + install);
        System.out.println("HEALTH " + health);
        System.out.println("SCRAPE");
        System.out.print(obs.prometheusText());
        System.out.flush();
    }

    /** One security-like audit record, about 300 bytes as a JSON line. */
    static final class Event implements AuditEvent {
        private final Map<String, String> fields = new LinkedHashMap<>();

        Event(int i) {
            fields.put("event", "auth_login_failed");
            fields.put("timestamp", "2026-03-08T12:00:00Z");
            fields.put("service", "svc");
            fields.put("seq", Integer.toString(i));
            fields.put("user_id_hash", "9d3564983b88b3286812c4fc89d8de1afa196dd4badda0c33a7d48ee22f799ef");
            fields.put("client_ip_hash", "7efc6564f0cc988bd5ae5c52953ec8391b88f8121233411e3953a5f0139d89de");
        }

        @Override
        public String type() {
            return "auth_login_failed";
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
                "child.audit.events",
                Meter.Type.COUNTER,
                null,
                "Audit events of the child service by outcome",
                "",
                Labels.OUTCOME);

        @Override
        public MeterSpec spec() {
            return SPEC;
        }
    }
}
