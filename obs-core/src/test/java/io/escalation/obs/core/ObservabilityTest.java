package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

    @Test
    void defaultRegistryIsPrometheusWithCommonTags() {
        try (Observability obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("production")
                .cluster("us-east-1")
                .jvmMetrics(false)
                .build()) {
            Counter.builder("demo.requests").register(obs.registry()).increment(3);

            assertThat(obs.prometheusText())
                    .contains("demo_requests_total{cluster=\"us-east-1\",environment=\"production\","
                            + "service=\"client-escalation-calls\"} 3.0\n");
            assertThat(obs.cluster()).hasValue("us-east-1");
        }
    }

    @Test
    void compositeHoldingPrometheusCanBeScraped() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());
        composite.add(prometheus);
        try (Observability obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .meterRegistry(composite)
                .jvmMetrics(false)
                .build()) {
            Counter.builder("demo.calls").register(obs.registry()).increment();

            assertThat(obs.prometheusRegistry()).containsSame(prometheus);
            assertThat(obs.prometheusText()).contains("demo_calls_total{environment=\"test\",service=\"svc\"} 1.0\n");
        }
    }

    @Test
    void nonPrometheusRegistryCannotBeScrapedAndSaysWhatToDo() {
        try (Observability obs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .meterRegistry(new SimpleMeterRegistry())
                .jvmMetrics(false)
                .build()) {
            assertThatThrownBy(obs::prometheusText)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PrometheusMeterRegistry");
        }
    }

    @Test
    void missingServiceNameFailsFastNamingTheSetting() {
        assertThatThrownBy(
                        () -> Observability.builder().environment("production").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceName is required")
                .hasMessageContaining(".serviceName(\"client-escalation-calls\")");
    }

    @Test
    void missingEnvironmentFailsFast() {
        assertThatThrownBy(() -> Observability.builder().serviceName("svc").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment is required");
    }

    @Test
    void invalidTagValuesFailFast() {
        assertThatThrownBy(() -> Observability.builder()
                        .serviceName("Client Escalation")
                        .environment("prod")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceName 'Client Escalation' is not a valid tag value");
        assertThatThrownBy(() -> Observability.builder()
                        .serviceName("svc")
                        .environment("prod")
                        .cluster("us\neast")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster");
    }

    @Test
    void jvmMetricsAreBoundByDefault() {
        try (Observability obs =
                Observability.builder().serviceName("svc").environment("test").build()) {
            String scrape = obs.prometheusText();
            assertThat(scrape)
                    .contains("# TYPE jvm_memory_used_bytes gauge")
                    .contains("# TYPE jvm_gc_live_data_size_bytes gauge")
                    .contains("# TYPE jvm_threads_live_threads gauge")
                    .contains("# TYPE process_cpu_usage gauge")
                    .contains("# TYPE process_uptime_seconds gauge")
                    .contains("# TYPE jvm_classes_loaded_classes gauge")
                    .contains("# TYPE jvm_scheduling_lag_seconds gauge")
                    .contains("# TYPE process_resident_memory_bytes gauge");
        }
    }
}
