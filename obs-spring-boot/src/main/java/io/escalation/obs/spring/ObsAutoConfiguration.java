package io.escalation.obs.spring;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.catalog.JvmMeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.opentelemetry.api.OpenTelemetry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration of obs: one {@link Observability} on the application's (Actuator's)
 * {@link MeterRegistry}, the {@code service}/{@code environment}/{@code cluster} tags of {@code obs.*} on every
 * meter of that registry, and each facade whose module is on the classpath as a bean. Every bean backs off when
 * the application defines its own. See docs/spring-boot.md.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"
        })
@ConditionalOnClass({Observability.class, MeterRegistry.class, MeterRegistryCustomizer.class})
@EnableConfigurationProperties(ObsProperties.class)
public class ObsAutoConfiguration {

    /** Created by Spring from the auto-configuration imports; applications do not call it. */
    public ObsAutoConfiguration() {}

    /**
     * The common tags, applied by Boot to the registry before any meter exists, so Boot's meters and obs's carry
     * the same {@code service}, {@code environment} and {@code cluster} in one series each.
     */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> obsCommonTagsCustomizer(ObsProperties properties, Environment env) {
        ObsTags tags = ObsTags.resolve(properties, env);
        return registry -> registry.config().commonTags(tags.asTags());
    }

    /**
     * Names and help texts that {@code promtool check metrics} accepts for Boot's and Micrometer's meters, as obs gives
     * its own ({@code obs.metrics.prometheus-names.enabled}, default true): {@code system_cpu_count} is
     * {@code system_cpu_cores}, {@code process_cpu_time_ns_total} is dropped, {@code jvm_compilation_time_ms_total} is
     * {@code jvm_compilation_time_seconds_total}, and meters without a description get a help text.
     */
    @Bean
    @ConditionalOnProperty(name = "obs.metrics.prometheus-names.enabled", matchIfMissing = true)
    MeterRegistryCustomizer<MeterRegistry> obsPrometheusNames() {
        DefaultHelpFilter help = new DefaultHelpFilter();
        return registry -> registry.config().meterFilter(JvmMeterNames.filter()).meterFilter(help);
    }

    /** {@code jvm.compilation.time} again, in seconds, where Boot binds it in milliseconds. */
    @Bean
    @ConditionalOnBean(JvmCompilationMetrics.class)
    @ConditionalOnProperty(name = "obs.metrics.prometheus-names.enabled", matchIfMissing = true)
    MeterBinder obsJvmCompilationSeconds() {
        return new JvmCompilationSeconds();
    }

    /** Personal data never in a tag value of the registry, whoever registers the meter (Spring's client URIs). */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> obsMaskedTagsFilter() {
        MaskedTagsFilter filter = new MaskedTagsFilter(PiiMasker.defaults());
        return registry -> registry.config().meterFilter(filter);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    Observability observability(
            ObsProperties properties,
            Environment env,
            MeterRegistry registry,
            ObjectProvider<OpenTelemetry> openTelemetry,
            ObjectProvider<BuildProperties> build,
            ListableBeanFactory beans) {
        ObsTags tags = ObsTags.resolve(properties, env);
        Observability.Builder builder = Observability.builder()
                .serviceName(tags.service)
                .environment(tags.environment)
                .meterRegistry(registry)
                .version(version(properties, build.getIfAvailable()));
        if (beans.getBeanNamesForType(JvmGcMetrics.class, false, false).length > 0) {
            // Boot's JvmMetricsAutoConfiguration binds the JVM metrics (binding them twice doubles the GC listeners):
            // obs adds only its resident-memory gauge and scheduling-lag probe, which no Micrometer binder provides
            builder.jvmMetricsFromHost();
        }
        if (tags.cluster != null) {
            builder.cluster(tags.cluster);
        }
        OpenTelemetry otel = openTelemetry.getIfUnique();
        if (otel != null) {
            builder.openTelemetry(otel);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException(
                    "obs.* settings (obs.service, obs.environment, obs.cluster, obs.version): " + invalid.getMessage(),
                    invalid);
        }
    }

    /** The version of {@code obs.version}, else of Boot's build information, else {@code unknown}. */
    private static String version(ObsProperties properties, @Nullable BuildProperties build) {
        String set = properties.getVersion();
        if (set != null && !set.isBlank()) {
            return set.trim();
        }
        String built = build == null ? null : build.getVersion();
        // not the builder's manifest default: the caller of build() is this class, whose jar is obs's
        return built != null && !built.isBlank() ? built : "unknown";
    }
}
