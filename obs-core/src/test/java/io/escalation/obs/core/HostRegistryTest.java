package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** obs handed a registry the host already uses (as Spring Boot Actuator does) must not damage it. */
class HostRegistryTest {

    @Test
    void aHostRegistryInUseKeepsOneSeriesPerCounterAndOneGcBinding() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            useTheHostRegistry();
        } finally {
            System.setErr(err);
        }
        // slf4j-simple writes Micrometer's warnings to System.err
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("MeterFilter is being configured");
    }

    @Test
    void obsOwnRegistryGetsEveryFilterBeforeItsFirstMeter() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Observability obs = Observability.builder()
                .serviceName("svc")
                .environment("prod")
                .version("1.4.2")
                .build()) {
            assertThat(obs.prometheusRegistry().orElseThrow().scrape())
                    .contains("app_build_info{environment=\"prod\",service=\"svc\",version=\"1.4.2\"} 1")
                    .contains("system_cpu_cores{")
                    .doesNotContain("process_cpu_time_ns_total");
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("MeterFilter is being configured");
    }

    @Test
    void aHostThatBindsTheJvmMetersGetsOnlyObsOwnProbesBesideThem() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (JvmGcMetrics gc = new JvmGcMetrics()) {
            gc.bindTo(registry);
            try (Observability obs = Observability.builder()
                    .serviceName("svc")
                    .environment("prod")
                    .meterRegistry(registry)
                    .jvmMetricsFromHost()
                    .build()) {
                String scrape = registry.scrape();
                assertThat(scrape.lines().filter(l -> l.startsWith("jvm_gc_memory_allocated_bytes_total")))
                        .hasSize(1);
                assertThat(scrape)
                        .containsPattern("(?m)^jvm_scheduling_lag_seconds [0-9]")
                        .containsPattern("(?m)^process_resident_memory_bytes [1-9]")
                        .doesNotContain("jvm_memory_used_bytes", "system_cpu");
            }
            assertThat(registry.scrape())
                    .as("closing obs stops its probe")
                    .doesNotContain("jvm_scheduling_lag_seconds");
        }
    }

    private static void useTheHostRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("orders.placed").tag("region", "eu").register(registry).increment();
        try (JvmGcMetrics gc = new JvmGcMetrics()) {
            gc.bindTo(registry);
            try (Observability obs = Observability.builder()
                    .serviceName("svc")
                    .environment("prod")
                    .meterRegistry(registry)
                    .build()) {
                Counter.builder("orders.placed")
                        .tag("region", "us")
                        .register(registry)
                        .increment();
                String scrape = registry.scrape();
                assertThat(scrape)
                        .contains("orders_placed_total{region=\"eu\"} 1.0")
                        .contains("orders_placed_total{region=\"us\"} 1.0")
                        .doesNotContain("service=\"svc\"");
                long allocated = Arrays.stream(scrape.split("\n"))
                        .filter(l -> l.startsWith("jvm_gc_memory_allocated_bytes_total"))
                        .count();
                assertThat(allocated).isEqualTo(1);
            }
        }
    }
}
