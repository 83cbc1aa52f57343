package io.escalation.obs.spring;

import io.escalation.obs.core.Observability;
import io.escalation.obs.logging.ObsLogging;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Binds obs-logging's appenders (those of {@code obs-logback-spring.xml} in the application's {@code
 * logback-spring.xml}) to the context's {@link Observability}: its masker, service, environment, and the counters of
 * dropped log events and audit records. Without obs's appenders in the logback configuration it binds nothing.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnClass(value = ObsLogging.class, name = "ch.qos.logback.classic.LoggerContext")
@ConditionalOnBean(Observability.class)
class ObsLoggingAutoConfiguration {

    /** Once every singleton exists, so that the logging system Boot configured is the one bound. */
    @Bean
    SmartInitializingSingleton obsLoggingInstall(Observability obs) {
        return () -> ObsLogging.install(obs);
    }
}
