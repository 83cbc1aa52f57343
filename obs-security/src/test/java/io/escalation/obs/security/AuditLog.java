package io.escalation.obs.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** A real logback ListAppender on the audit logger: what an appender of obs-logging would receive. */
final class AuditLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(SecurityAudit.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous = logger.getLevel();

    AuditLog() {
        appender.start();
        logger.addAppender(appender);
    }

    static AuditLog attach() {
        return new AuditLog();
    }

    List<ILoggingEvent> events() {
        return appender.list;
    }

    /** The key-value pairs of one logged event, in order. */
    static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                fields.put(pair.key, String.valueOf(pair.value));
            }
        }
        return fields;
    }

    void level(Level level) {
        logger.setLevel(level);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
