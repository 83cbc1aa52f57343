package io.escalation.obs.logging;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log categories of the requirements as named loggers: a category's events are logged through
 * its logger (or a child of it, {@code obs.http.outbound}) and carry a {@code category} field.
 * Routing and levels are then ordinary logback configuration by logger name; the security and TCPA
 * audit loggers are written to their own files by {@code obs-logback.xml}.
 *
 * <pre>{@code
 * private static final Logger tcpa = LogCategory.TCPA.logger();
 * tcpa.info("Call blocked outside permitted hours", kv("rule", "time_restriction"));
 * // {"logger":"obs.audit.tcpa","category":"tcpa","message":"Call blocked outside permitted hours",...}
 *
 * Logger outbound = LogCategory.HTTP.logger("outbound");     // obs.http.outbound
 * }</pre>
 */
public enum LogCategory {
    /** API requests and responses. */
    HTTP("obs.http", "http"),
    /** Queries, transactions, pool events. */
    DATABASE("obs.db", "database"),
    /** LLM requests, responses, costs. */
    LLM("obs.llm", "llm"),
    /** Agent actions: email sent, call made, SMS sent. */
    AGENT("obs.agent", "agent"),
    /** Security audit: authentication failures, suspicious activity. Written to its own file. */
    SECURITY("obs.audit.security", "security"),
    /** TCPA / Reg F audit: opt-outs, violations prevented. Written to its own file. */
    TCPA("obs.audit.tcpa", "tcpa"),
    /** Exceptions and errors worth a category of their own. */
    ERRORS("obs.errors", "errors"),
    /** Business events: campaign created, payment collected. */
    BUSINESS("obs.business", "business");

    /** Prefix of the audit loggers, whose events an {@link ObsAsyncAppender} never discards early. */
    static final String AUDIT_PREFIX = "obs.audit.";

    private static final LogCategory[] ALL = values();

    private final String loggerName;
    private final String childPrefix;
    private final String label;

    LogCategory(String loggerName, String label) {
        this.loggerName = loggerName;
        this.childPrefix = loggerName + ".";
        this.label = label;
    }

    /**
     * The logger name, e.g. {@code obs.audit.tcpa}.
     *
     * @return the dotted logger name, {@code obs.} followed by the category path
     */
    public String loggerName() {
        return loggerName;
    }

    /**
     * The value of the {@code category} field, e.g. {@code tcpa}.
     *
     * @return the lower-case label value
     */
    public String label() {
        return label;
    }

    /**
     * The category's logger.
     *
     * @return the SLF4J logger named {@link #loggerName()}
     */
    public Logger logger() {
        return LoggerFactory.getLogger(loggerName);
    }

    /**
     * A child logger, e.g. {@code HTTP.logger("outbound")} is {@code obs.http.outbound}.
     *
     * @param child the suffix appended after a dot, e.g. {@code outbound}
     * @return the SLF4J logger named {@code loggerName() + "." + child}
     */
    public Logger logger(String child) {
        return LoggerFactory.getLogger(childPrefix + child);
    }

    /**
     * The category of a logger name, or null when it is not a category logger. Never allocates.
     *
     * @param loggerName a logger name such as {@code obs.audit.tcpa.calls}; null gives null
     * @return the category whose logger is that name or one of its parents, or null
     */
    public static @Nullable LogCategory of(@Nullable String loggerName) {
        if (loggerName == null || !loggerName.startsWith("obs.")) {
            return null;
        }
        for (LogCategory category : ALL) {
            if (loggerName.equals(category.loggerName) || loggerName.startsWith(category.childPrefix)) {
                return category;
            }
        }
        return null;
    }

    static boolean isAudit(@Nullable String loggerName) {
        return loggerName != null && loggerName.startsWith(AUDIT_PREFIX);
    }
}
