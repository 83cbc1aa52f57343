package io.escalation.obs.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the logback logs to an {@link Observability}: its {@code PiiMasker} masks every event, its
 * service name and environment fill the {@code service} and {@code environment} fields, and the
 * drops of every {@link ObsAsyncAppender} are counted in {@code logging_events_dropped_total}, and the
 * unchained records and chain restarts of every {@link ObsAuditAppender} in
 * {@code logging_audit_chain_breaks_total}.
 *
 * <pre>{@code
 * // logback.xml: <configuration><include resource="io/escalation/obs/logging/obs-logback.xml"/></configuration>
 * Observability obs = Observability.builder().serviceName("client-escalation-calls")
 *         .environment("production").build();
 * ObsLogging.install(obs);      // once, at start-up, after logback has been configured
 * }</pre>
 */
public final class ObsLogging {

    private static final Logger log = LoggerFactory.getLogger(ObsLogging.class);

    private ObsLogging() {}

    /**
     * Binds the logback context SLF4J uses. Logs a warning and does nothing when SLF4J is not bound
     * to logback.
     *
     * @param obs the Observability whose masker, service, environment and registry the appenders use
     * @return the number of {@link ObsAsyncAppender}s whose drops are now counted
     * @throws IllegalStateException when an audit appender did not start, see {@link #install(Observability, LoggerContext)}
     */
    public static int install(Observability obs) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            log.warn(
                    "obs-logging: SLF4J is bound to {}, not logback; logs are not masked by obs-logging."
                            + " Put logback-classic on the class path and remove other SLF4J providers.",
                    factory.getClass().getName());
            return 0;
        }
        return install(obs, (LoggerContext) factory);
    }

    /**
     * Binds {@code context}: masker, service and environment, and the drop counters of the
     * {@link ObsAsyncAppender}s attached to its loggers. Call again after a reconfiguration.
     *
     * @param obs the Observability whose masker, service, environment and registry the appenders use
     * @param context the logback context to bind
     * @return the number of {@link ObsAsyncAppender}s whose drops are now counted
     * @throws IllegalStateException when an {@link ObsAuditAppender} attached to a logger did not start
     *     (its audit file could not be opened): every audit record would be lost
     */
    public static int install(Observability obs, LoggerContext context) {
        Objects.requireNonNull(obs, "obs");
        Objects.requireNonNull(context, "context");
        requireAuditAppendersStarted(context);
        ModuleKit kit = ModuleKit.of(obs);
        LoggingState.of(context).set(kit.masker(), obs.serviceName(), obs.environment(), kit.faults());
        Map<String, ObsAsyncAppender> asyncAppenders = new LinkedHashMap<>();
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ObsAsyncAppender async) {
                    asyncAppenders.putIfAbsent(async.getName(), async);
                }
            }
        }
        asyncAppenders.values().forEach(appender -> bindDrops(kit.registry(), appender));
        Map<String, ObsAuditAppender> auditAppenders = new LinkedHashMap<>();
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ObsAuditAppender audit) {
                    auditAppenders.putIfAbsent(audit.getName(), audit);
                }
            }
        }
        auditAppenders.values().forEach(appender -> bindChainBreaks(kit.registry(), appender));
        return asyncAppenders.size();
    }

    /** The start-up check: every {@link ObsAuditAppender} attached to a logger must have opened its file. */
    private static void requireAuditAppendersStarted(LoggerContext context) {
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ObsAuditAppender audit && !audit.isStarted()) {
                    String key = audit.keyFailure();
                    if (key != null) {
                        throw new IllegalStateException("obs-logging: the audit appender " + audit.getName()
                                + " of the "
                                + logger.getName() + " logger did not start, so every audit record would be lost:"
                                + " its chain key was refused: " + key);
                    }
                    String policy = audit.policyFailure();
                    if (policy != null) {
                        throw new IllegalStateException("obs-logging: the audit appender " + audit.getName()
                                + " of the " + logger.getName() + " logger did not start, so every audit record"
                                + " would be lost: " + policy);
                    }
                    String why = audit.openFailure();
                    throw new IllegalStateException("obs-logging: the audit appender " + audit.getName() + " of the "
                            + logger.getName() + " logger did not start, so every audit record would be lost: "
                            + (why == null ? "see logback's status messages" : "its file did not open (" + why + ")")
                            + "; make the file " + audit.rawFileProperty() + " a writable regular file in a writable"
                            + " directory, or set OBS_LOG_DIR to one");
                }
            }
        }
    }

    private static void bindChainBreaks(MeterRegistry registry, ObsAuditAppender appender) {
        String name = appender.getName() == null ? "unnamed" : appender.getName();
        for (AuditTrailChain.Break reason : AuditTrailChain.Break.values()) {
            FunctionCounter.builder(
                            LoggingCatalogue.AUDIT_CHAIN_BREAKS.getName(),
                            appender.chainBreaks().counter(reason),
                            LongAdder::sum)
                    .description(LoggingCatalogue.AUDIT_CHAIN_BREAKS.getDescription())
                    .tag(LoggingCatalogue.APPENDER.asString(), name)
                    .tag(LoggingCatalogue.REASON.asString(), reason.label())
                    .register(registry);
        }
    }

    private static void bindDrops(MeterRegistry registry, ObsAsyncAppender appender) {
        String name = appender.getName() == null ? "unnamed" : appender.getName();
        for (Level level : ObsAsyncAppender.LEVELS) {
            for (ObsAsyncAppender.DropReason reason : ObsAsyncAppender.DropReason.values()) {
                if (reason == ObsAsyncAppender.DropReason.DISCARDED && level.isGreaterOrEqual(Level.WARN)) {
                    continue; // never discarded early
                }
                LongAdder counter = appender.droppedCounter(level, reason);
                FunctionCounter.builder(LoggingCatalogue.EVENTS_DROPPED.getName(), counter, LongAdder::sum)
                        .description(LoggingCatalogue.EVENTS_DROPPED.getDescription())
                        .tag(LoggingCatalogue.APPENDER.asString(), name)
                        .tag(LoggingCatalogue.LEVEL.asString(), level.levelStr.toLowerCase(java.util.Locale.ROOT))
                        .tag(LoggingCatalogue.REASON.asString(), reason.label())
                        .register(registry);
            }
        }
    }
}
