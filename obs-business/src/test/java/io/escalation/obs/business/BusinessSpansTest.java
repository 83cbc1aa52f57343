package io.escalation.obs.business;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.audit.KeyedHash;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusinessSpansTest {

    private static final byte[] KEY = "k7Qp2vX9sL4mN8rT1wY6zB3cF5hJ0dGe".getBytes(StandardCharsets.US_ASCII);
    private static final AttributeKey<String> PAYMENT_ID = AttributeKey.stringKey("payment.id");
    private static final AttributeKey<String> PAYMENT_STATUS = AttributeKey.stringKey("payment.status");

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    private BusinessSpans spans() {
        return BusinessSpans.builder(test.obs()).idHashKey(KEY).build();
    }

    @Test
    void aProcessedPaymentIsAnOkSpanWithTheHashedIdAndItsStatus() {
        String result = spans().processPayment("pay_1001", payment -> {
            payment.status(PaymentStatus.COLLECTED);
            return "receipt";
        });

        assertThat(result).isEqualTo("receipt");
        assertThat(test.spans()).hasSize(1);
        SpanData span = test.spans().get(0);
        String expectedId =
                KeyedHash.of(KEY, "test").hash("payment", "pay_1001").substring(0, 32);
        assertThat(span)
                .hasName("process_payment")
                .hasKind(io.opentelemetry.api.trace.SpanKind.INTERNAL)
                .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.ok())
                .hasAttributesSatisfyingExactly(equalTo(PAYMENT_ID, expectedId), equalTo(PAYMENT_STATUS, "collected"));
        assertThat(span.getAttributes().get(PAYMENT_ID)).matches("[0-9a-f]{32}").doesNotContain("1001");
    }

    @Test
    void theSameIdHashesTheSameAndOtherIdsDifferently() {
        BusinessSpans spans = spans();
        for (String id : List.of("pay_1", "pay_1", "pay_2")) {
            spans.processPayment(id, payment -> null);
        }
        List<String> ids = test.spans().stream()
                .map(s -> s.getAttributes().get(PAYMENT_ID))
                .toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void aFailedPaymentIsAnErrorSpanWithTheMaskedExceptionAndTheExceptionReachesTheCaller() {
        IOException declined = new IOException("card of jane.doe@example.com declined");

        assertThatThrownBy(() -> spans().processPayment("pay_1002", payment -> {
                    payment.status(PaymentStatus.DECLINED);
                    throw declined;
                }))
                .isSameAs(declined);

        SpanData span = test.spans().get(0);
        assertThat(span.getName()).isEqualTo("process_payment");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).contains("declined").doesNotContain("jane.doe");
        assertThat(span.getAttributes().get(PAYMENT_STATUS)).isEqualTo("declined");
        EventData exception = span.getEvents().get(0);
        assertThat(exception.getName()).isEqualTo("exception");
        assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type")))
                .isEqualTo("java.io.IOException");
        assertThat(exception.getAttributes().toString()).doesNotContain("jane.doe@example.com");
    }

    @Test
    void theSpanIsCurrentWhileThePaymentIsProcessed() {
        String[] inside = new String[2];
        spans().processPayment("pay_1003", payment -> {
            inside[0] = Span.current().getSpanContext().getSpanId();
            return null;
        });
        inside[1] = test.spans().get(0).getSpanId();
        assertThat(inside[0]).isEqualTo(inside[1]);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void withoutAKeyTheIdIsLeftOutNeverWrittenRaw() {
        BusinessSpans.create(test.obs()).processPayment("pay_1004", payment -> {
            payment.status(PaymentStatus.PROMISED);
            return null;
        });

        SpanData span = test.spans().get(0);
        assertThat(span.getAttributes().get(PAYMENT_ID)).isNull();
        assertThat(span.getAttributes().get(PAYMENT_STATUS)).isEqualTo("promised");
        assertThat(span.getAttributes().toString()).doesNotContain("1004");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }

    @Test
    void nullsRecordWhatIsKnown() {
        spans().processPayment(null, payment -> {
            payment.status(null);
            return null;
        });

        SpanData span = test.spans().get(0);
        assertThat(span.getAttributes().isEmpty()).isTrue();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }

    @Test
    void oneInstancePerObservabilityAndAnotherKeyFailsNamingTheSettingNotItsValue() {
        BusinessSpans first = spans();
        assertThat(spans()).isSameAs(first);
        byte[] other = "Zq8Lr3Wn6Tp1Vx4Ks7Mb0Hc2Jf5Gd9Ya".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(
                        () -> BusinessSpans.builder(test.obs()).idHashKey(other).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idHashKey differs")
                .hasMessageNotContaining("Zq8Lr3");
    }

    @Test
    void aWeakKeyFailsAtStartUp() {
        assertThatThrownBy(() -> BusinessSpans.builder(test.obs())
                        .idHashKey("changeme".repeat(4).getBytes(StandardCharsets.US_ASCII))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BusinessSpans.idHashKey");
    }
}
