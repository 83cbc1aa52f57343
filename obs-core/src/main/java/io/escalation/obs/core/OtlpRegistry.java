package io.escalation.obs.core;

import io.escalation.obs.core.internal.DaemonThreads;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.HistogramFlavor;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link OtlpMeterRegistry} of {@link Observability.Builder#otlp}. The only class of obs-core that
 * names micrometer-registry-otlp, an optional dependency: it is loaded only when OTLP is configured.
 */
final class OtlpRegistry {

    static final String REGISTRY_CLASS = "io.micrometer.registry.otlp.OtlpMeterRegistry";

    private OtlpRegistry() {}

    /** Whether micrometer-registry-otlp is on the class path. */
    static boolean available() {
        try {
            Class.forName(REGISTRY_CLASS, false, OtlpRegistry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError missing) {
            return false;
        }
    }

    /** A started registry pushing every {@code settings.interval()} until it is closed. */
    static MeterRegistry start(OtlpSettings settings, Map<String, String> resource) {
        return new OtlpMeterRegistry(new Config(settings, resource), Clock.SYSTEM, DaemonThreads.named("obs-otlp"));
    }

    /**
     * The resource: the service, its environment, version and instance. {@code service.name} becomes
     * {@code job} and {@code service.instance.id} {@code instance} in Prometheus-compatible stores, so each
     * replica needs its own instance id: {@code OTEL_RESOURCE_ATTRIBUTES}' if it sets one, else the host name
     * ({@code HOSTNAME}, a pod's name on Kubernetes), else a random UUID.
     */
    static Map<String, String> resource(
            Map<String, String> fromEnvironment,
            String service,
            String environment,
            String version,
            @Nullable String hostName) {
        Map<String, String> resource = new LinkedHashMap<>(fromEnvironment);
        resource.put("service.name", service);
        resource.put("deployment.environment.name", environment);
        resource.put("service.version", version);
        if (!resource.containsKey("service.instance.id")) {
            resource.put(
                    "service.instance.id",
                    hostName != null && !hostName.isBlank()
                            ? hostName
                            : UUID.randomUUID().toString());
        }
        return resource;
    }

    /** {@code OTEL_RESOURCE_ATTRIBUTES} and {@code OTEL_SERVICE_NAME}, as Micrometer reads them. */
    static Map<String, String> environmentResource() {
        try {
            return OtlpConfig.DEFAULT.resourceAttributes();
        } catch (RuntimeException unreadable) { // a key given twice, say
            throw new IllegalStateException("OTEL_RESOURCE_ATTRIBUTES cannot be read (" + unreadable.getMessage()
                    + "): write it as key1=value1,key2=value2, each key once");
        }
    }

    /** {@code HOSTNAME}, else the local host's name, else null. */
    static @Nullable String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception | LinkageError unknown) {
            return null;
        }
    }

    /**
     * The registry's settings: seconds, cumulative, explicit buckets, no separate max gauge; the rest of
     * Micrometer's defaults (and none of its environment variables but the resource's).
     */
    private static final class Config implements OtlpConfig {
        private final OtlpSettings settings;
        private final Map<String, String> resource;

        Config(OtlpSettings settings, Map<String, String> resource) {
            this.settings = settings;
            this.resource = Map.copyOf(resource);
        }

        @Override
        public @Nullable String get(String key) {
            return null;
        }

        @Override
        public String url() {
            return settings.endpoint().toString();
        }

        @Override
        public java.time.Duration step() {
            return settings.interval();
        }

        @Override
        public Map<String, String> headers() {
            return settings.headers();
        }

        @Override
        public Map<String, String> resourceAttributes() {
            return resource;
        }

        @Override
        public AggregationTemporality aggregationTemporality() {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public HistogramFlavor histogramFlavor() {
            return HistogramFlavor.EXPLICIT_BUCKET_HISTOGRAM;
        }

        @Override
        public TimeUnit baseTimeUnit() {
            return TimeUnit.SECONDS;
        }

        /** A {@code x.max} gauge would be named {@code x_max_seconds} by the Prometheus translation. */
        @Override
        public boolean publishMaxGaugeForHistograms() {
            return false;
        }
    }
}
