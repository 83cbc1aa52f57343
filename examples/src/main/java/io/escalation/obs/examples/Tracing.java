package io.escalation.obs.examples;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry SDK, configured the standard way from {@code OTEL_*} environment variables and
 * {@code otel.*} system properties. Spans are exported over OTLP (Jaeger and the OpenTelemetry
 * Collector accept it) only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is set; otherwise {@code otel.traces.exporter} defaults
 * to {@code none}. Metrics and logs are never exported over OTLP: metrics are scraped from
 * {@code /metrics}, logs are written as JSON files.
 */
final class Tracing {

    private Tracing() {
    }

    static OpenTelemetrySdk start(String serviceName, Map<String, String> env) {
        Map<String, String> defaults = defaults(serviceName, env);
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)   // below system properties and environment variables
                .disableShutdownHook()                    // ExampleService.close() shuts it down
                .build()
                .getOpenTelemetrySdk();
    }

    /** The settings the SDK starts from; OTEL_* variables and otel.* properties override them. */
    static Map<String, String> defaults(String serviceName, Map<String, String> env) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", serviceName);
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        if (!otlpConfigured(env)) {
            defaults.put("otel.traces.exporter", "none");
        }
        return defaults;
    }

    private static boolean otlpConfigured(Map<String, String> env) {
        return !blank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) || !blank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || !blank(System.getProperty("otel.exporter.otlp.endpoint"))
                || !blank(System.getProperty("otel.exporter.otlp.traces.endpoint"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
