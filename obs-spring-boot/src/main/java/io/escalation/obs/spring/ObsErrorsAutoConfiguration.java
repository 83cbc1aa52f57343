package io.escalation.obs.spring;

import io.escalation.obs.core.Observability;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * obs-errors' {@link ErrorReporter} as a bean, built from {@code obs.sentry.*} (or Sentry's own {@code sentry.dsn})
 * on the context's {@link Observability}: obs initialises Sentry once, with its scrubbing callbacks, and closes it
 * (flushing the queue) when the context shuts down. Backs off when the context initialises Sentry itself (Sentry's
 * Spring Boot starter's {@code IScopes} bean: {@link ObsSentryStarterAutoConfiguration} then plugs obs in) and when the
 * application defines its own {@code ErrorReporter}.
 */
@AutoConfiguration(
        after = ObsAutoConfiguration.class,
        afterName = {
            "io.sentry.spring.boot4.SentryAutoConfiguration",
            "io.sentry.spring.boot.jakarta.SentryAutoConfiguration"
        })
@ConditionalOnClass(ErrorReporter.class)
@ConditionalOnMissingBean(type = ObsSentryStarterAutoConfiguration.SENTRY_SCOPES)
@ConditionalOnBean(Observability.class)
@ConditionalOnExpression("'${obs.sentry.dsn:${sentry.dsn:}}'.trim() != ''")
class ObsErrorsAutoConfiguration {

    /** The reporter, closed by the context (Spring calls {@code close()} on an {@code AutoCloseable} bean). */
    @Bean
    @ConditionalOnMissingBean
    ErrorReporter errorReporter(Observability obs, Environment env) {
        return ErrorReporter.create(obs, settings(env));
    }

    /** {@code obs.sentry.*}, each falling back to Sentry's {@code sentry.*} property of the same name. */
    static SentrySettings settings(Environment env) {
        SentrySettings.Builder settings = SentrySettings.builder().dsn(property(env, "dsn"));
        String environment = property(env, "environment");
        if (environment != null) {
            settings.environment(environment);
        }
        String release = property(env, "release");
        if (release != null) {
            settings.release(release);
        }
        String sampleRate = property(env, "sample-rate");
        if (sampleRate != null) {
            settings.sampleRate(Double.parseDouble(sampleRate.trim()));
        }
        byte[] key = customerIdKey(env);
        if (key != null) {
            settings.customerIdKey(key);
        }
        return settings.build();
    }

    /** {@code obs.sentry.customer-id-key} as bytes, or null when it is not set. */
    static byte @Nullable [] customerIdKey(Environment env) {
        String key = env.getProperty("obs.sentry.customer-id-key");
        return key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String property(Environment env, String name) {
        String value = env.getProperty("obs.sentry." + name);
        return value != null ? value : env.getProperty("sentry." + name);
    }
}
