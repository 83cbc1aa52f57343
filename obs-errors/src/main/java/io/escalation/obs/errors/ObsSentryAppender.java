package io.escalation.obs.errors;

import io.escalation.obs.core.pii.PiiMasker;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
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
 */
public class ObsSentryAppender extends SentryAppender {

    /** An appender whose options scrub with the default masker. */
    public ObsSentryAppender() {
        setOptions(new SentryOptions());
    }

    @Override
    public void setOptions(@Nullable SentryOptions options) {
        SentryOptions scrubbed = options == null ? new SentryOptions() : options;
        ErrorReporter.scrub(scrubbed, PiiMasker.defaults(), () -> {});
        super.setOptions(scrubbed);
    }
}
