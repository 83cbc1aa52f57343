package io.escalation.obs.logging;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-logging's meters. */
public enum LoggingLabels implements ObsLabel {
    /** The name of the {@link ObsAsyncAppender} or {@link ObsAuditAppender} in the logback configuration. */
    APPENDER("appender", "name of the ObsAsyncAppender or ObsAuditAppender in the logback configuration, e.g."
            + " ASYNC_COMBINED, OBS_AUDIT_TCPA"),
    /** The level of the dropped event. */
    LEVEL("level", "error, warn, info, debug, trace"),
    /** Why the event was dropped, or why the audit chain broke. */
    REASON("reason", "dropped events: discarded (queue nearly full: INFO and lower, never audit loggers),"
            + " queue_full; audit chain breaks: key_missing, tail_unreadable, not_json");

    private final LabelSpec spec;

    LoggingLabels(String key, String vocabulary) {
        this.spec = new LabelSpec(key, vocabulary, false);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
