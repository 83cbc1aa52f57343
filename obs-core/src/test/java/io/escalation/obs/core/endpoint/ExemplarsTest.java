package io.escalation.obs.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Exemplars in obs's own registry, read as Prometheus reads them: an OpenMetrics scrape over HTTP.
 * Spans come from a real OpenTelemetry SDK tracer, sampled or not.
 */
class ExemplarsTest {

    private static final Pattern EXEMPLAR = Pattern.compile(
            "(?m)^(\\w+)\\{([^}]*)} \\S+ # \\{span_id=\"([0-9a-f]{16})\",trace_id=\"([0-9a-f]{32})\"} (\\S+) \\S+$");

    @Test
    void aTimerRecordedInASampledSpanCarriesItsTraceAsAnExemplarOnTheBucketItFellIn() throws Exception {
        try (Observability obs = obs(true);
                SdkTracerProvider tracing = tracing(Sampler.alwaysOn())) {
            Timer timer = timer(obs);
            Span span = inSpan(tracing, () -> timer.record(Duration.ofMillis(42)));

            String scrape = openMetrics(obs);
            List<String[]> exemplars = exemplars(scrape);

            List<String[]> buckets = exemplars.stream()
                    .filter(e -> e[0].equals("demo_duration_seconds_bucket"))
                    .toList();
            assertThat(buckets).as(scrape).hasSize(1);
            assertThat(exemplars)
                    .as("only buckets carry exemplars: Prometheus before 2.43 drops a scrape with one on _count")
                    .hasSize(1);
            String[] e = buckets.get(0);
            assertThat(e[1]).contains("le=\"0.05\"").contains("service=\"svc\"");
            assertThat(e[2]).isEqualTo(span.getSpanContext().getSpanId());
            assertThat(e[3]).isEqualTo(span.getSpanContext().getTraceId());
            assertThat(Double.parseDouble(e[4])).isEqualTo(0.042);
        }
    }

    @Test
    void aCounterIncrementedInASampledSpanCarriesAnExemplarToo() throws Exception {
        try (Observability obs = obs(true);
                SdkTracerProvider tracing = tracing(Sampler.alwaysOn())) {
            Counter counter = Counter.builder("demo.calls").register(obs.registry());
            Span span = inSpan(tracing, () -> counter.increment());

            assertThat(exemplars(openMetrics(obs)))
                    .singleElement()
                    .satisfies(e -> assertThat(e[0]).isEqualTo("demo_calls_total"))
                    .satisfies(e ->
                            assertThat(e[3]).isEqualTo(span.getSpanContext().getTraceId()));
        }
    }

    @Test
    void noExemplarOutsideASpanInAnUnsampledSpanOrWhenSwitchedOff() throws Exception {
        try (Observability obs = obs(true);
                SdkTracerProvider tracing = tracing(Sampler.alwaysOff())) {
            Timer timer = timer(obs);
            timer.record(Duration.ofMillis(42));
            Span span = inSpan(tracing, () -> timer.record(Duration.ofMillis(7)));
            String scrape = openMetrics(obs);
            assertThat(scrape).contains("demo_duration_seconds_count{environment=\"test\",service=\"svc\"} 2");
            assertThat(exemplars(scrape)).isEmpty();
        }
        try (Observability obs = obs(false);
                SdkTracerProvider tracing = tracing(Sampler.alwaysOn())) {
            Timer timer = timer(obs);
            Span span = inSpan(tracing, () -> timer.record(Duration.ofMillis(42)));
            assertThat(exemplars(openMetrics(obs))).isEmpty();
        }
    }

    @Test
    void theTextFormatHasNoExemplars() throws Exception {
        try (Observability obs = obs(true);
                SdkTracerProvider tracing = tracing(Sampler.alwaysOn())) {
            Timer timer = timer(obs);
            Span span = inSpan(tracing, () -> timer.record(Duration.ofMillis(42)));
            assertThat(obs.prometheusText())
                    .contains("demo_duration_seconds_bucket")
                    .doesNotContain("trace_id");
        }
    }

    private static Observability obs(boolean exemplars) {
        return Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .exemplars(exemplars)
                .build();
    }

    private static SdkTracerProvider tracing(Sampler sampler) {
        // a tracer provider with no span processor hands out no-op spans
        return SdkTracerProvider.builder()
                .setSampler(sampler)
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                .build();
    }

    /** Runs {@code work} inside a new, ended span of {@code tracing}, and returns that span. */
    private static Span inSpan(SdkTracerProvider tracing, Runnable work) {
        Span span = tracing.get("test").spanBuilder("work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } finally {
            span.end();
        }
        return span;
    }

    private static Timer timer(Observability obs) {
        return Timer.builder("demo.duration")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100))
                .register(obs.registry());
    }

    private static String openMetrics(Observability obs) throws Exception {
        try (ObsHttpEndpoint endpoint =
                ObsHttpEndpoint.builder(obs).host("127.0.0.1").port(0).start()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                            .header("Accept", "application/openmetrics-text; version=1.0.0")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
            return response.body();
        }
    }

    private static List<String[]> exemplars(String scrape) {
        Matcher m = EXEMPLAR.matcher(scrape);
        List<String[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        return found;
    }
}
