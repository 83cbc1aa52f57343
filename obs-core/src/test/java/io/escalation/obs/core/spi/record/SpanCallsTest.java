package io.escalation.obs.core.spi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanCallsTest {

    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("payment.status");

    /** A span every call of which throws {@code failure}, logging the calls' names in {@code calls}. */
    private static Span throwing(List<String> calls, Throwable failure) {
        return (Span) Proxy.newProxyInstance(Span.class.getClassLoader(), new Class<?>[] {Span.class}, (p, m, a) -> {
            calls.add(m.getName());
            throw failure;
        });
    }

    @Test
    void aSpanThatThrowsIsIgnoredAndTheCallerGoesOn() {
        List<String> calls = new ArrayList<>();
        Span span = throwing(calls, new IllegalStateException("host span bug"));

        assertThatCode(() -> {
                    SpanCalls.setAttribute(span, STATUS, "succeeded");
                    SpanCalls.setStatus(span, StatusCode.OK);
                    Scope scope = SpanCalls.makeCurrent(span);
                    assertThat(scope).isSameAs(Scope.noop());
                    SpanCalls.end(span, scope);
                })
                .doesNotThrowAnyException();
        assertThat(calls).containsExactly("setAttribute", "setStatus", "makeCurrent", "end");
    }

    @Test
    void endLetsOnlyAVirtualMachineErrorThroughAndTheOthersLetAnyError() {
        assertThatCode(() -> SpanCalls.end(throwing(new ArrayList<>(), new AssertionError("bug")), Scope.noop()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SpanCalls.end(throwing(new ArrayList<>(), new OutOfMemoryError()), Scope.noop()))
                .isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() ->
                        SpanCalls.setStatus(throwing(new ArrayList<>(), new AssertionError("bug")), StatusCode.OK))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aWorkingSpanIsMadeCurrentUntilItsScopeCloses() {
        Span span = Span.wrap(SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
        Scope scope = SpanCalls.makeCurrent(span);
        assertThat(Span.current()).isSameAs(span);
        SpanCalls.setAttribute(span, STATUS, "succeeded");
        SpanCalls.end(span, scope);
        assertThat(Span.current()).isSameAs(Span.getInvalid());
    }
}
