package io.escalation.obs.logging;

import io.escalation.obs.core.catalog.ObsLabel;

/** Label keys of obs-logging's meters. */
public enum LoggingLabels implements ObsLabel {
    /** The name of the {@link ObsAsyncAppender} in the logback configuration. */
    APPENDER("appender", "name of the ObsAsyncAppender in the logback configuration, e.g. ASYNC_COMBINED"),
    /** The level of the dropped event. */
    LEVEL("level", "error, warn, info, debug, trace"),
    /** Why the event was dropped. */
    REASON("reason", "discarded (queue nearly full: INFO and lower, never audit loggers), queue_full");

    private final String key;
    private final String vocabulary;

    LoggingLabels(String key, String vocabulary) {
        this.key = key;
        this.vocabulary = vocabulary;
    }

    @Override
    public String asString() {
        return key;
    }

    @Override
    public String vocabulary() {
        return vocabulary;
    }
}
