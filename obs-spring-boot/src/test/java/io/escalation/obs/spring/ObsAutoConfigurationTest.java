package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration creates, and that the application's own beans win. */
class ObsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    ObsAutoConfiguration.class,
                    ObsFacadesAutoConfiguration.class))
            .withPropertyValues("spring.application.name=escalation-boot", "obs.environment=test");

    @Test
    void oneObservabilityOnTheContextsRegistryAndEveryFacadeOfTheClasspath() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Observability.class);
            Observability obs = context.getBean(Observability.class);
            assertThat(obs.registry()).isSameAs(context.getBean(MeterRegistry.class));
            assertThat(obs.serviceName()).isEqualTo("escalation-boot");
            assertThat(obs.environment()).isEqualTo("test");
            assertThat(obs.cluster()).isEmpty();
            assertThat(obs.version()).isEqualTo("unknown");
            for (Class<?> facade : new Class<?>[] {
                AppErrors.class,
                QueueMetrics.class,
                HealthChecks.class,
                HttpMetrics.class,
                DbMetrics.class,
                RedisMetrics.class,
                PaymentMetrics.class,
                LlmMetrics.class,
                RagMetrics.class,
                SecurityMetrics.class,
                TcpaMetrics.class
            }) {
                assertThat(context).as(facade.getSimpleName()).hasSingleBean(facade);
            }
            // the facade beans are the ones bound to the Observability, as XxxMetrics.create(obs) returns them
            assertThat(context.getBean(LlmMetrics.class)).isSameAs(LlmMetrics.create(obs));
            assertThat(context.getBean(AppErrors.class)).isSameAs(AppErrors.create(obs));
            assertThat(context.getBeanFactory()
                            .getBeanDefinition("observability")
                            .getDestroyMethodName())
                    .isEqualTo("close");
        });
    }

    @Test
    void withoutBootsJvmMetricsObsBindsItsOwnAndStopsThemWhenTheContextCloses() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            // obs's JVM binding: its scheduling-lag probe and, among Micrometer's binders, the GC metrics
            assertThat(registry.find("jvm.scheduling.lag").gauge()).isNotNull();
            assertThat(registry.find("jvm.gc.memory.allocated").counter()).isNotNull();
            context.close();
            // Observability.close() on shutdown stopped the probe, which removes its gauge
            assertThat(registry.find("jvm.scheduling.lag").gauge()).isNull();
        });
    }

    @Test
    void withBootsJvmMetricsObsBindsNoSecondSetOnlyWhatBootLacks() {
        runner.withConfiguration(AutoConfigurations.of(JvmMetricsAutoConfiguration.class))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(context).hasSingleBean(JvmGcMetrics.class);
                    assertThat(registry.find("jvm.gc.memory.allocated").counters())
                            .hasSize(1);
                    // no Micrometer binder has these two: obs binds them beside Boot's
                    assertThat(registry.find("jvm.scheduling.lag").gauges()).hasSize(1);
                    assertThat(registry.find("process.resident.memory").gauges())
                            .hasSize(1);
                    context.close();
                    assertThat(registry.find("jvm.scheduling.lag").gauge()).isNull();
                });
    }

    @Test
    void bootsJvmAndProcessMetersGetTheNamesPromtoolAcceptsUnlessTurnedOff() {
        ApplicationContextRunner withBootsBinders = runner.withConfiguration(AutoConfigurations.of(
                JvmMetricsAutoConfiguration.class,
                org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration.class));
        withBootsBinders.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("system.cpu.cores").gauge()).isNotNull();
            assertThat(registry.find("system.cpu.count").gauge()).isNull();
            assertThat(registry.find("process.cpu.time").functionCounters()).isEmpty();
            assertThat(registry.find("jvm.compilation.time").functionCounters())
                    .singleElement()
                    .satisfies(counter -> {
                        assertThat(counter.getId().getBaseUnit()).isEqualTo("seconds");
                        assertThat(counter.getId().getTag("compiler")).isNotBlank();
                        assertThat(counter.count())
                                .as("seconds, not the milliseconds of the MXBean")
                                .isLessThan(java.lang.management.ManagementFactory.getCompilationMXBean()
                                                .getTotalCompilationTime()
                                        / 100.0);
                    });
            io.micrometer.core.instrument.Counter undescribed = registry.counter("orders.placed", "region", "eu");
            assertThat(undescribed.getId().getDescription())
                    .isEqualTo("orders.placed (registered without a description)");
        });
        withBootsBinders
                .withPropertyValues("obs.metrics.prometheus-names.enabled=false")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("system.cpu.count").gauge()).isNotNull();
                    assertThat(registry.find("process.cpu.time").functionCounters())
                            .hasSize(1);
                    assertThat(registry.find("jvm.compilation.time").functionCounters())
                            .singleElement()
                            .satisfies(counter ->
                                    assertThat(counter.getId().getBaseUnit()).isEqualTo("ms"));
                    assertThat(registry.counter("orders.placed").getId().getDescription())
                            .isNull();
                });
    }

    @Test
    void obsSettingsWinOverTheApplicationName() {
        runner.withPropertyValues("obs.service=payments", "obs.cluster=us-east-1", "obs.version=1.4.2")
                .run(context -> {
                    Observability obs = context.getBean(Observability.class);
                    assertThat(obs.serviceName()).isEqualTo("payments");
                    assertThat(obs.cluster()).contains("us-east-1");
                    assertThat(obs.version()).isEqualTo("1.4.2");
                });
    }

    @Test
    void theVersionOfBootsBuildInformationIsTheDefault() {
        runner.withUserConfiguration(BuildInfo.class)
                .run(context -> assertThat(context.getBean(Observability.class).version())
                        .isEqualTo("3.1.0"));
    }

    @Test
    void anApplicationsOwnObservabilityWinsAndTheFacadesHangOffIt() {
        runner.withUserConfiguration(OwnObservability.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Observability.class);
            Observability own = context.getBean(Observability.class);
            assertThat(own.serviceName()).isEqualTo("own-service");
            assertThat(context.getBean(LlmMetrics.class)).isSameAs(LlmMetrics.create(own));
        });
    }

    @Test
    void anApplicationsOwnFacadeWins() {
        runner.withUserConfiguration(OwnLlmMetrics.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LlmMetrics.class);
            LlmMetrics own = context.getBean(OwnLlmMetrics.class).llm;
            assertThat(context.getBean(LlmMetrics.class)).isSameAs(own);
            assertThat(own).isNotSameAs(LlmMetrics.create(context.getBean(Observability.class)));
            assertThat(context).hasSingleBean(AppErrors.class);
        });
    }

    @Test
    void aServletApplicationRecordsHttpFromSpringsObservationsUnlessSwitchedOff() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        ObsAutoConfiguration.class,
                        ObsFacadesAutoConfiguration.class,
                        ObsHttpObservationAutoConfiguration.class))
                .withPropertyValues("spring.application.name=escalation-boot", "obs.environment=test");
        web.run(context -> assertThat(context).hasNotFailed().hasSingleBean(ServerRequestObservations.class));
        web.withPropertyValues("obs.http.observations.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerRequestObservations.class));
        // not a web application, or without obs-http: nothing to record
        runner.withConfiguration(AutoConfigurations.of(ObsHttpObservationAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerRequestObservations.class));
        web.withClassLoader(new FilteredClassLoader(HttpMetrics.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerRequestObservations.class));
    }

    @Test
    void aReactiveApplicationRecordsHttpFromWebFluxsObservationsAndEachStackStartsWithoutTheOthersClasses() {
        AutoConfigurations obs = AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                ObsAutoConfiguration.class,
                ObsFacadesAutoConfiguration.class,
                ObsHttpObservationAutoConfiguration.class);
        String[] settings = {"spring.application.name=escalation-boot", "obs.environment=test"};
        ReactiveWebApplicationContextRunner reactive =
                new ReactiveWebApplicationContextRunner().withConfiguration(obs).withPropertyValues(settings);
        WebApplicationContextRunner servlet =
                new WebApplicationContextRunner().withConfiguration(obs).withPropertyValues(settings);

        reactive.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(ReactiveServerRequestObservations.class)
                .hasSingleBean(WebClientRequestObservations.class)
                .doesNotHaveBean(ServerRequestObservations.class));
        reactive.withPropertyValues("obs.http.observations.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ReactiveServerRequestObservations.class)
                        .doesNotHaveBean(WebClientRequestObservations.class));
        // a reactive application without the servlet API
        reactive.withClassLoader(new FilteredClassLoader("jakarta.servlet."))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(ReactiveServerRequestObservations.class)
                        .hasSingleBean(WebClientRequestObservations.class)
                        .doesNotHaveBean(ServerRequestObservations.class));
        // a servlet application: Spring MVC's handler only, also without spring-webflux
        servlet.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(ServerRequestObservations.class)
                .hasSingleBean(ClientRequestObservations.class)
                .doesNotHaveBean(ReactiveServerRequestObservations.class));
        servlet.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive."))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(ServerRequestObservations.class)
                        .hasSingleBean(ClientRequestObservations.class)
                        .doesNotHaveBean(ReactiveServerRequestObservations.class)
                        .doesNotHaveBean(WebClientRequestObservations.class));
        // spring-webflux without its observation support: no reactive handler, nothing broken
        reactive.withClassLoader(new FilteredClassLoader(
                        org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class))
                .run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveServerRequestObservations.class));
    }

    @Test
    void actuatorIndicatorsBecomeObsChecksNamedAsActuatorNamesThemInSnakeCase() {
        assertThat(ObsHealthAutoConfiguration.checkName("diskSpaceHealthIndicator"))
                .isEqualTo("disk_space");
        assertThat(ObsHealthAutoConfiguration.checkName("dbHealthContributor")).isEqualTo("db");
        assertThat(ObsHealthAutoConfiguration.checkName("readinessStateHealthIndicator"))
                .isEqualTo("readiness_state");
        assertThat(ObsHealthAutoConfiguration.checkName("my-dialer")).isEqualTo("my_dialer");
        assertThat(ObsHealthAutoConfiguration.checkName("2fa")).isNull();
        runner.withConfiguration(AutoConfigurations.of(ObsHealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().hasBean("obsHealthIndicator"));
        runner.withConfiguration(AutoConfigurations.of(ObsHealthAutoConfiguration.class))
                .withPropertyValues("obs.health.actuator.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("obsHealthIndicator"));
    }

    @Test
    void aBridgedCheckPeriodOutOfRangeFailsTheStartWithWhatToSet() {
        for (String period : new String[] {"500ms", "2d", "0s"}) {
            runner.withConfiguration(AutoConfigurations.of(ObsHealthAutoConfiguration.class))
                    .withPropertyValues("obs.health.actuator.period=" + period)
                    .run(context -> assertThat(context)
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("obs.health.actuator.period=")
                            .hasMessageContaining("must be at least 1s and at most 1d: set e.g."
                                    + " obs.health.actuator.period=15s"));
        }
        runner.withConfiguration(AutoConfigurations.of(ObsHealthAutoConfiguration.class))
                .withPropertyValues("obs.health.actuator.period=30s")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(BridgedHealthRuns.class));
    }

    @Test
    void aModuleMissingFromTheClasspathHasNoBean() {
        runner.withClassLoader(new FilteredClassLoader(LlmMetrics.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("obsLlmMetrics");
            assertThat(context).hasSingleBean(AppErrors.class).hasSingleBean(HttpMetrics.class);
        });
    }

    @Test
    void withoutAnEnvironmentStartUpFailsNamingTheSetting() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        ObsAutoConfiguration.class,
                        ObsFacadesAutoConfiguration.class))
                .withPropertyValues("spring.application.name=escalation-boot")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("obs.environment"));
    }

    @Test
    void anInvalidServiceNameFailsStartUpNamingTheSettings() {
        runner.withPropertyValues("obs.service=Escalation Boot")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("obs.service")
                        .hasStackTraceContaining("is not a valid tag value"));
    }

    @Configuration(proxyBeanMethods = false)
    static class BuildInfo {
        @Bean
        BuildProperties buildProperties() {
            Properties entries = new Properties();
            entries.setProperty("version", "3.1.0");
            return new BuildProperties(entries);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnObservability {
        @Bean(destroyMethod = "close")
        Observability ownObservability() {
            return Observability.builder()
                    .serviceName("own-service")
                    .environment("test")
                    .meterRegistry(new SimpleMeterRegistry())
                    .jvmMetrics(false)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLlmMetrics {
        final Observability separate = Observability.builder()
                .serviceName("separate")
                .environment("test")
                .meterRegistry(new SimpleMeterRegistry())
                .jvmMetrics(false)
                .build();
        final LlmMetrics llm = LlmMetrics.create(separate);

        @Bean
        LlmMetrics ownLlmMetrics() {
            return llm;
        }
    }
}
