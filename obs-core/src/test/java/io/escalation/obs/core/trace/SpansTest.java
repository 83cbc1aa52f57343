package io.escalation.obs.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpansTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .openTelemetry(sdk)
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
        sdk.close();
    }

    @Test
    void callRunsInACurrentSpanWithMaskedAttributes() {
        String[] seen = new String[2];
        String result = obs.spans()
                .span("campaign.create")
                .kind(SpanKind.SERVER)
                .attribute("campaign.id", "cmp-42")
                .attribute("customer.email", "jane.doe@example.com")
                .attribute("tasks", 12)
                .call(() -> {
                    seen[0] = Spans.currentTraceId();
                    seen[1] = Spans.currentSpanId();
                    return "ok";
                });

        assertThat(result).isEqualTo("ok");
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        SpanData span = spans.get(0);
        assertThat(span.getName()).isEqualTo("campaign.create");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("campaign.id")))
                .isEqualTo("cmp-42");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("customer.email")))
                .isEqualTo("[EMAIL]");
        assertThat(span.getAttributes().get(AttributeKey.longKey("tasks"))).isEqualTo(12L);
        assertThat(seen[0]).isEqualTo(span.getTraceId()).hasSize(32);
        assertThat(seen[1]).isEqualTo(span.getSpanId()).hasSize(16);
    }

    @Test
    void exceptionFailsTheSpanIsMaskedAndRethrownAsIs() {
        IOException failure = new IOException("SMTP refused for jane.doe@example.com");

        assertThatThrownBy(() -> obs.spans().call("email.send", () -> {
                    throw failure;
                }))
                .isSameAs(failure);

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("SMTP refused for [EMAIL]");
        EventData event = span.getEvents().get(0);
        assertThat(event.getName()).isEqualTo("exception");
        assertThat(event.getAttributes().get(Spans.EXCEPTION_TYPE)).isEqualTo("java.io.IOException");
        assertThat(event.getAttributes().get(Spans.EXCEPTION_MESSAGE)).isEqualTo("SMTP refused for [EMAIL]");
        assertThat(event.getAttributes().get(Spans.EXCEPTION_STACKTRACE))
                .startsWith("java.io.IOException: SMTP refused for [EMAIL]")
                .doesNotContain("jane.doe");
    }

    @Test
    void anExceptionThatCannotDescribeItselfIsStillRethrownAsIs() {
        IllegalStateException hostile = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message for you");
            }
        };
        assertThatThrownBy(() -> obs.spans().call("task", () -> {
                    throw hostile;
                }))
                .isSameAs(hostile);
        assertThat(exporter.getFinishedSpanItems().get(0).getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aCauseChainFourThousandDeepIsRecordedBoundedWithoutOverflowingTheStack() {
        Throwable deep = new IllegalStateException("root cause for jane.doe@example.com");
        for (int i = 1; i < 4_000; i++) {
            deep = new RuntimeException("wrapped " + i, deep);
        }
        Throwable chain = deep;
        obs.spans().call("task", () -> {
            obs.spans().recordError(chain);
            return null;
        });

        EventData event = exporter.getFinishedSpanItems().get(0).getEvents().get(0);
        assertThat(event.getAttributes().get(Spans.EXCEPTION_MESSAGE)).isEqualTo("wrapped 3999");
        assertThat(event.getAttributes().get(Spans.EXCEPTION_STACKTRACE))
                .startsWith("java.lang.RuntimeException: wrapped 3999\n")
                .contains("Caused by: java.lang.RuntimeException: wrapped 3998\n")
                .contains("Caused by: ... further causes not shown (more than 32)")
                .doesNotContain("root cause")
                .hasSizeLessThanOrEqualTo(Spans.MAX_STACK_TRACE_CHARS + 20);
    }

    @Test
    void aCyclicCauseChainAndAMessageThatThrowsAnErrorAreDescribedWithoutThrowing() {
        RuntimeException a = new RuntimeException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        IllegalStateException hostile = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new AssertionError("no message for you");
            }
        };
        obs.spans().call("task", () -> {
            obs.spans().recordError(a);
            obs.spans().recordError(hostile);
            return null;
        });

        List<EventData> events = exporter.getFinishedSpanItems().get(0).getEvents();
        assertThat(events.get(0).getAttributes().get(Spans.EXCEPTION_STACKTRACE))
                .contains("Caused by: java.lang.IllegalStateException: b\n")
                .contains("Caused by: [CIRCULAR REFERENCE: java.lang.RuntimeException]");
        assertThat(events.get(1).getAttributes().get(Spans.EXCEPTION_MESSAGE)).isEmpty();
    }

    @Test
    void aNullErrorStillFailsTheSpanWithoutThrowing() {
        obs.spans().call("task", () -> {
            obs.spans().recordError(null);
            return null;
        });
        obs.spans().recordError(null); // no span: nothing to mark, nothing thrown

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).isEmpty();
    }

    @Test
    void noSpanMeansEmptyIds() {
        assertThat(Spans.currentTraceId()).isEmpty();
        assertThat(Spans.currentSpanId()).isEmpty();
    }

    @Test
    void noopTracingStillRunsTheBody() {
        try (Observability plain = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build()) {
            assertThat(plain.spans().call("x", () -> 7)).isEqualTo(7);
        }
    }

    @Test
    void recordErrorOnAGivenSpanMasksTheExceptionAndSurvivesASpanThatThrows() {
        Span span = obs.spans().span("process_payment").start();
        obs.spans().recordError(span, new IOException("card of jane.doe@example.com declined"));
        span.end();

        SpanData data = exporter.getFinishedSpanItems().get(0);
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getStatus().getDescription()).contains("declined").doesNotContain("jane.doe");
        assertThat(data.getEvents()).extracting(EventData::getName).containsExactly("exception");

        Span throwing =
                (Span) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Span.class}, (p, m, a) -> {
                    throw new IllegalStateException("span down");
                });
        obs.spans().recordError(throwing, new IOException("x"));
        obs.spans().recordError(throwing, null);
        obs.spans().recordError(null, new IOException("x"));
    }
}
