package io.escalation.obs.test.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * A real logback {@link ListAppender} on one logger, for instance an audit logger: what an appender of
 * obs-logging would receive, key-value pairs included. Needs logback-classic as the test's SLF4J
 * backend (obs-test declares it {@code provided}, so add it with test scope).
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.attach(ComplianceAudit.LOGGER)) {
 *     audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.SMS, "C-1001", zone, now);
 *     assertThat(LogCapture.fields(log.events().get(0))).containsEntry("decision", "blocked");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous;

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Starts capturing what {@code loggerName} (and its children) log; {@link #close()} stops.
     *
     * @param loggerName the logger's name, e.g. an audit logger's constant
     * @return the capture, to close after the test
     */
    public static LogCapture attach(String loggerName) {
        return new LogCapture(loggerName);
    }

    /**
     * The events logged since {@link #attach}, oldest first.
     *
     * @return the live list of captured events
     */
    public List<ILoggingEvent> events() {
        return appender.list;
    }

    /**
     * The key-value pairs of one logged event, in order, values as {@link String#valueOf(Object)}.
     *
     * @param event a captured event
     * @return the pairs; empty when the event has none
     */
    public static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                fields.put(pair.key, String.valueOf(pair.value));
            }
        }
        return fields;
    }

    /**
     * Sets the logger's level until {@link #close()}, which restores the previous one.
     *
     * @param level the level, e.g. {@link Level#OFF} to test a disabled logger
     */
    public void level(Level level) {
        logger.setLevel(level);
    }

    /** Detaches the appender and restores the logger's level. */
    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
