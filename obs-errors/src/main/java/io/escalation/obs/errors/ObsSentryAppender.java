package io.escalation.obs.errors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.escalation.obs.core.pii.PiiMasker;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * sentry-logback's {@link SentryAppender} (ERROR events become Sentry events, INFO and up become
 * breadcrumbs) with the scrubbing callbacks installed on its options and {@code sendDefaultPii}
 * off, so that events sent before {@link ErrorReporter#create} are scrubbed too (with
 * {@link PiiMasker#defaults()}). Once {@link ErrorReporter#create} has run, events go through the
 * Sentry it initialised and its {@code Observability}'s masker.
 *
 * <pre>{@code
 * <appender name="SENTRY" class="io.escalation.obs.errors.ObsSentryAppender">
 *   <minimumEventLevel>ERROR</minimumEventLevel>
 *   <minimumBreadcrumbLevel>INFO</minimumBreadcrumbLevel>
 * </appender>
 * <root level="INFO"><appender-ref ref="SENTRY"/></root>
 * }</pre>
 *
 * <p>Sentry's Spring Boot starter attaches sentry-logback's own {@link SentryAppender} to the root logger
 * after the application has started. Both would send each ERROR line to the same Sentry, so while such an
 * appender is attached this one leaves to it the events it sends (at or above its {@code minimumEventLevel})
 * and reports that once as a logback status warning.
 */
public class ObsSentryAppender extends SentryAppender {

    /** How often to look for sentry-logback's own appender on the root logger while there is none. */
    private static final long LOOK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private volatile @Nullable SentryAppender sibling;
    /** When the root logger was last looked at; set so that the first event looks at once. */
    private volatile long lastLook = System.nanoTime() - LOOK_EVERY_NANOS;

    private final AtomicBoolean siblingReported = new AtomicBoolean();

    /** An appender whose options scrub with the default masker. */
    public ObsSentryAppender() {
        setOptions(new SentryOptions());
    }

    @Override
    protected void append(ILoggingEvent event) {
        SentryAppender other = sibling();
        if (other != null && event.getLevel().isGreaterOrEqual(other.getMinimumEventLevel())) {
            return; // the other appender sends it, and its breadcrumb, through the same Sentry
        }
        super.append(event);
    }

    /** sentry-logback's own appender on the root logger (the class itself, not this one), looked for once a second. */
    private @Nullable SentryAppender sibling() {
        SentryAppender found = sibling;
        if (found != null && found.isStarted()) {
            return found;
        }
        long now = System.nanoTime();
        if (now - lastLook < LOOK_EVERY_NANOS) {
            return null;
        }
        lastLook = now;
        found = rootSentryAppender();
        sibling = found;
        if (found != null && siblingReported.compareAndSet(false, true)) {
            addWarn("ObsSentryAppender [" + getName() + "]: sentry-logback's SentryAppender [" + found.getName()
                    + "] is attached to the root logger too (Sentry's Spring Boot starter adds one): it sends the"
                    + " events at " + found.getMinimumEventLevel() + " and above, this appender no longer does."
                    + " Remove this appender from the configuration.");
        }
        return found;
    }

    private @Nullable SentryAppender rootSentryAppender() {
        if (!(getContext() instanceof LoggerContext context)) {
            return null;
        }
        Iterator<Appender<ILoggingEvent>> appenders =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender.getClass() == SentryAppender.class && appender.isStarted()) {
                return (SentryAppender) appender;
            }
        }
        return null;
    }

    @Override
    public void setOptions(@Nullable SentryOptions options) {
        SentryOptions scrubbed = options == null ? new SentryOptions() : options;
        ErrorReporter.scrub(scrubbed, PiiMasker.defaults(), () -> {});
        super.setOptions(scrubbed);
    }
}
