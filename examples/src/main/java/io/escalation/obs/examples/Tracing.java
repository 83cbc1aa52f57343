package io.escalation.obs.examples;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK, configured the standard way from {@code OTEL_*} environment variables and
 * {@code otel.*} system properties. Spans are exported over OTLP (Jaeger and the OpenTelemetry
 * Collector accept it) only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is set; otherwise {@code otel.traces.exporter} defaults
 * to {@code none}. The protocol is {@code http/protobuf} (port 4318); gRPC would need the OkHttp
 * sender, which this service leaves out. Metrics and logs are never exported over OTLP: metrics are scraped from
 * {@code /metrics}, logs are written as JSON files.
 */
final class Tracing {

    private Tracing() {}

    static OpenTelemetrySdk start(String serviceName, Map<String, String> env) {
        Map<String, String> defaults = defaults(serviceName, env);
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults) // below system properties and environment variables
                .disableShutdownHook() // ExampleService.close() shuts it down
                .addTracerProviderCustomizer((provider, config) -> provider.addSpanProcessor(new KeepSpansValid()))
                .build()
                .getOpenTelemetrySdk();
    }

    /** The settings the SDK starts from; OTEL_* variables and otel.* properties override them. */
    static Map<String, String> defaults(String serviceName, Map<String, String> env) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", serviceName);
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // OTLP over HTTP (port 4318 of Jaeger and the Collector), sent by the JDK's HttpClient
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        if (!otlpConfigured(env)) {
            defaults.put("otel.traces.exporter", "none");
        }
        return defaults;
    }

    private static boolean otlpConfigured(Map<String, String> env) {
        return !blank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
                || !blank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || !blank(System.getProperty("otel.exporter.otlp.endpoint"))
                || !blank(System.getProperty("otel.exporter.otlp.traces.endpoint"));
    }

    /**
     * A tracer provider without span processors (exporter {@code none}) hands out invalid spans, and
     * then logs carry no {@code trace_id}. With this processor spans keep their ids whether or not
     * anything exports them; it does nothing itself.
     */
    static final class KeepSpansValid implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            // nothing: its presence is what matters
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            // nothing
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
