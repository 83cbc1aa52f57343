package io.escalation.obs.logging;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-logging's meters: what the asynchronous appenders could not write, and breaks in the audit hash chain. */
public enum LoggingMeters implements ObsMeter {
    /** {@code logging_events_dropped_total{appender,level,reason}}. */
    EVENTS_DROPPED("logging.events.dropped", Meter.Type.COUNTER, null,
            "Log events an ObsAsyncAppender dropped instead of blocking the logging thread, by appender, level"
                    + " and reason",
            "not in the seed: the seed's Winston transports block or lose events silently; this counts the loss",
            LoggingLabels.APPENDER, LoggingLabels.LEVEL, LoggingLabels.REASON),
    /** {@code logging_audit_chain_breaks_total{appender,reason}}. */
    AUDIT_CHAIN_BREAKS("logging.audit.chain.breaks", Meter.Type.COUNTER, null,
            "Audit records an ObsAuditAppender wrote without a hash chain (key_missing, not_json) and chain"
                    + " restarts because the last record before start-up could not be read (tail_unreadable),"
                    + " by appender and reason",
            "not in the seed: the seed's audit log is a plain file that anyone who can write it can edit unnoticed",
            LoggingLabels.APPENDER, LoggingLabels.REASON);

    private final MeterSpec spec;

    LoggingMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
