package io.escalation.obs.test;

import io.escalation.obs.core.Observability;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link Observability} for tests: a fresh Prometheus registry, an OpenTelemetry SDK exporting
 * to memory, service {@code test-service}, environment {@code test}, no JVM probes.
 *
 * <pre>{@code
 * try (TestObservability test = TestObservability.create()) {
 *     AppErrors.create(test.obs()).record("Timeout", ErrorSeverity.ERROR);
 *     ObsAssertions.assertThatScrape(test).hasSample("app_errors_total", 1, "type", "Timeout");
 * }
 * }</pre>
 */
public final class TestObservability implements AutoCloseable {

    /** The {@code service} common tag every instance carries unless a customizer changes it. */
    public static final String SERVICE = "test-service";

    /** The {@code environment} common tag every instance carries unless a customizer changes it. */
    public static final String ENVIRONMENT = "test";

    private final PrometheusMeterRegistry registry;
    private final InMemorySpanExporter spanExporter;
    private final OpenTelemetrySdk sdk;
    private final Observability obs;

    private TestObservability(Consumer<Observability.Builder> customizer) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.spanExporter = InMemorySpanExporter.create();
        this.sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
                        .build())
                .build();
        Observability.Builder builder = Observability.builder()
                .serviceName(SERVICE)
                .environment(ENVIRONMENT)
                .jvmMetrics(false);
        customizer.accept(builder);
        try {
            // applied after the customizer: the assertions read this registry and these spans
            this.obs = builder.meterRegistry(registry).openTelemetry(sdk).build();
        } catch (RuntimeException e) {
            sdk.close();
            registry.close();
            throw e;
        }
    }

    /**
     * The defaults described above.
     *
     * @return a new instance with its own registry and span exporter
     */
    public static TestObservability create() {
        return new TestObservability(b -> {});
    }

    /**
     * The defaults, then {@code customizer} (for example a smaller label policy or another service
     * name). A meter registry or OpenTelemetry set by the customizer is replaced by the test ones,
     * which the assertions read.
     *
     * @param customizer changes to the default builder
     * @return a new instance with its own registry and span exporter
     */
    public static TestObservability create(Consumer<Observability.Builder> customizer) {
        return new TestObservability(customizer);
    }

    /**
     * The instance to hand to the facades under test.
     *
     * @return the Observability under test
     */
    public Observability obs() {
        return obs;
    }

    /**
     * The registry behind {@link #obs()}.
     *
     * @return the Prometheus registry
     */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * The current scrape in the Prometheus text format.
     *
     * @return the exposition text
     */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Spans ended so far.
     *
     * @return the ended spans, oldest first
     */
    public List<SpanData> spans() {
        return spanExporter.getFinishedSpanItems();
    }

    /** Forgets the spans ended so far. */
    public void resetSpans() {
        spanExporter.reset();
    }

    @Override
    public void close() {
        obs.close();
        registry.close();
        sdk.close();
    }
}
