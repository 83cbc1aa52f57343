package io.escalation.obs.spring;

import io.escalation.obs.core.Observability;
import io.escalation.obs.errors.ErrorReporter;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * obs inside a Sentry that the context initialises: Sentry's Spring Boot starter, whose {@code sentryHub} bean (an
 * {@code io.sentry.IScopes}) applies every {@code Sentry.OptionsConfiguration<SentryOptions>} bean to its options, in
 * order, then calls {@code Sentry.init} once. obs adds one such configuration, ordered last, which installs obs-errors'
 * scrubbing after the application's own {@code beforeSend} and {@code beforeBreadcrumb} callbacks (obs masks what they
 * return), counts discards in {@code sentry_events_dropped_total} and turns {@code sendDefaultPii} off; and an
 * {@link ErrorReporter} {@linkplain ErrorReporter#attach attached} to that Sentry, which never initialises or closes it.
 * {@link ObsErrorsAutoConfiguration}, which initialises Sentry itself, backs off in that case.
 *
 * <p>The one class of obs-spring-boot that names Sentry's types: the starter finds the configuration by its generic
 * type.
 */
@AutoConfiguration(
        after = ObsAutoConfiguration.class,
        afterName = {
            "io.sentry.spring.boot4.SentryAutoConfiguration",
            "io.sentry.spring.boot.jakarta.SentryAutoConfiguration"
        })
@ConditionalOnClass(name = {"io.escalation.obs.errors.ErrorReporter", "io.sentry.IScopes"})
@ConditionalOnBean(value = Observability.class, type = ObsSentryStarterAutoConfiguration.SENTRY_SCOPES)
class ObsSentryStarterAutoConfiguration {

    /** The type of the bean through which Sentry's starter initialises Sentry. */
    static final String SENTRY_SCOPES = "io.sentry.IScopes";

    /** obs's scrubbing and discard counting on the options the starter initialises Sentry with, applied last. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    Sentry.OptionsConfiguration<SentryOptions> obsSentryOptions(Observability obs) {
        return options -> ErrorReporter.configure(options, obs);
    }

    /** obs-errors' reporter, sending through the Sentry the starter initialised. */
    @Bean
    @ConditionalOnMissingBean
    ErrorReporter errorReporter(Observability obs, Environment env) {
        return ErrorReporter.attach(obs, ObsErrorsAutoConfiguration.customerIdKey(env));
    }
}
