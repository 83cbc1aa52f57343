package io.escalation.obs.logging;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-logging's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class LoggingCatalogue extends ModuleCatalogue {

    /**
     * Label {@code appender}: the name of the {@link ObsAsyncAppender} or {@link ObsAuditAppender} in the
     * logback configuration.
     */
    public static final Label APPENDER = Label.closed(
            "appender",
            "name of the ObsAsyncAppender or ObsAuditAppender in the logback configuration, e.g."
                    + " ASYNC_COMBINED, OBS_AUDIT_TCPA");
    /** Label {@code level}: the level of the dropped event. */
    public static final Label LEVEL = Label.closed("level", "error, warn, info, debug, trace");
    /** Label {@code reason}: why the event was dropped, or why the audit chain broke. */
    public static final Label REASON = Label.closed(
            "reason",
            "dropped events: discarded (queue nearly full: INFO and lower, never audit loggers),"
                    + " queue_full, write_failed (an attached file appender could not write it: a full disk);"
                    + " audit chain breaks: key_missing, tail_unreadable, not_json");

    /** {@code logging_events_dropped_total}: log events an asynchronous appender dropped, by appender, level and reason. */
    public static final Metric EVENTS_DROPPED = Metric.counter("logging.events.dropped")
            .help("Log events an ObsAsyncAppender dropped instead of blocking the logging thread, or that its"
                    + " attached file appender could not write, by appender, level and reason")
            .labels(APPENDER, LEVEL, REASON)
            .compatibility("not in the reference architecture, whose Winston transports block or"
                    + " lose events silently; this counts the loss")
            .build();
    /** {@code logging_audit_chain_breaks_total}: audit records written without a hash chain, and chain restarts. */
    public static final Metric AUDIT_CHAIN_BREAKS = Metric.counter("logging.audit.chain.breaks")
            .help("Audit records an ObsAuditAppender wrote without a hash chain (key_missing, not_json) and chain"
                    + " restarts because the last record before start-up could not be read (tail_unreadable),"
                    + " by appender and reason")
            .labels(APPENDER, REASON)
            .compatibility("not in the reference architecture, whose audit log is a plain file"
                    + " that anyone who can write it can edit unnoticed")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public LoggingCatalogue() {
        super("obs-logging");
    }
}
