package io.escalation.obs.core.internal;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The exemplar source of obs's own Prometheus registry: the OpenTelemetry span current on the
 * recording thread. Prometheus' exemplar sampler asks it, at most once per sampling interval of a
 * meter, whether the current span is sampled, and then takes its trace and span ids as the exemplar
 * ({@code # {span_id="…",trace_id="…"}} in an OpenMetrics scrape). Outside a sampled span nothing is
 * recorded; a record between two samples costs one volatile read in the sampler and does not call
 * this class at all.
 *
 * <p>A span chosen as an exemplar gets the attribute {@code exemplar="true"}, so a tail-sampling
 * collector can keep the traces that dashboards link to.
 */
public final class TraceExemplars implements io.prometheus.metrics.tracer.common.SpanContext {

    /** The one instance: it holds no state. */
    public static final TraceExemplars INSTANCE = new TraceExemplars();

    private TraceExemplars() {}

    /**
     * The configuration of obs's own registry: Micrometer's defaults, except that exemplars go only on
     * histogram buckets and counters, as OpenMetrics 1.0 allows. Micrometer also puts them on a
     * histogram's {@code _count}, which Prometheus before 2.43 (Debian 12 ships 2.42) rejects by
     * dropping the whole scrape ("metric name ..._count does not support exemplars").
     *
     * @return the registry configuration
     */
    public static PrometheusConfig prometheusConfig() {
        return new PrometheusConfig() {
            @Override
            public @Nullable String get(String key) {
                return null;
            }

            @Override
            public Properties prometheusProperties() {
                Properties properties = PrometheusConfig.super.prometheusProperties();
                properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
                return properties;
            }
        };
    }

    @Override
    public String getCurrentTraceId() {
        return current().getTraceId();
    }

    @Override
    public String getCurrentSpanId() {
        return current().getSpanId();
    }

    @Override
    public boolean isCurrentSpanSampled() {
        SpanContext context = current();
        return context.isValid() && context.isSampled();
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.setAttribute(EXEMPLAR_ATTRIBUTE_NAME, EXEMPLAR_ATTRIBUTE_VALUE);
        }
    }

    private static SpanContext current() {
        return Span.current().getSpanContext();
    }
}
