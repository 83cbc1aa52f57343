package io.escalation.obs.core.spi.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CausesTest {

    private static Throwable chain(Throwable root, int depth) {
        Throwable t = root;
        for (int i = 1; i < depth; i++) {
            t = new RuntimeException("wrapped " + i, t);
        }
        return t;
    }

    @Test
    void causeWalksStopAtTheDepthCapAndAtACycle() {
        assertThat(Causes.anyMatch(chain(new SocketTimeoutException(), 32), t -> t instanceof IOException))
                .isTrue();
        assertThat(Causes.anyMatch(chain(new SocketTimeoutException(), 33), t -> t instanceof IOException))
                .isFalse();
        RuntimeException a = new RuntimeException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(Causes.anyMatch(a, t -> t instanceof IOException)).isFalse();
        assertThat(Causes.anyMatch(a, t -> t instanceof IllegalStateException)).isTrue();
        assertThat(Causes.anyMatch(null, t -> true)).isFalse();
    }

    @Test
    void aStackTraceOfAnyDepthIsRenderedIterativelyAndBounded() {
        String trace =
                Causes.stackTrace(chain(new IllegalStateException("root"), 100_000), 65_536, UnaryOperator.identity());
        assertThat(trace)
                .startsWith("java.lang.RuntimeException: wrapped 99999\n\tat ")
                .contains("Caused by: java.lang.RuntimeException: wrapped 99998\n")
                .contains("\t... ")
                .endsWith("Caused by: ... further causes not shown (more than 32)\n")
                .doesNotContain("root");
    }

    @Test
    void longMessagesAreFilteredThenCutWithAMarginSoThatNoIdentifierIsLeftHalfUnfiltered() {
        String message = "x".repeat(8_180) + " 4111 1111 1111 1111 and more";
        String filtered = Causes.message(new RuntimeException(message), s -> s.replace("4111 1111", "[CARD]"));
        // the cut at 8,192 split the card number: its first half was filtered, the rest went with the margin
        assertThat(filtered).isEqualTo("x".repeat(8_180 + 9 - 64) + "...[truncated]");
        assertThat(Causes.message(new RuntimeException((String) null), UnaryOperator.identity()))
                .isEmpty();
    }

    @Test
    void accessorsThatThrowAreSurvivedButVirtualMachineErrorsPass() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new AssertionError("no");
            }

            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no");
            }
        };
        assertThat(Causes.message(hostile)).isNull();
        assertThat(Causes.stackTrace(hostile, 1_000, UnaryOperator.identity())).startsWith("io.escalation.obs");
        assertThat(Causes.anyMatch(hostile, t -> false)).isFalse();

        RuntimeException oom = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new OutOfMemoryError("simulated");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Causes.message(oom))
                .isInstanceOf(OutOfMemoryError.class);
    }
}
