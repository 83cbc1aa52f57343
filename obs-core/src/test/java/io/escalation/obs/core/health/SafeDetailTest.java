package io.escalation.obs.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.pii.PiiMasker;
import org.junit.jupiter.api.Test;

class SafeDetailTest {

    @Test
    void describesTypeAndMessage() {
        assertThat(SafeDetail.describe(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
        assertThat(SafeDetail.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(SafeDetail.describe(new IllegalStateException(""))).isEqualTo("IllegalStateException");
    }

    @Test
    void survivesAMessageThatThrows() {
        RuntimeException odd = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message");
            }
        };
        assertThat(SafeDetail.describe(odd)).isEqualTo(odd.getClass().getName()); // anonymous: no simple name
        assertThat(SafeDetail.describe(new Odd())).isEqualTo("Odd");
    }

    @Test
    void masksAndCuts() {
        PiiMasker masker = PiiMasker.defaults();
        assertThat(SafeDetail.mask(masker, "mail jane.doe@example.com", 100)).doesNotContain("jane.doe@example.com");
        assertThat(SafeDetail.mask(masker, "abcdef", 3)).isEqualTo("abc...");
        assertThat(SafeDetail.mask(masker, "abc", 3)).isEqualTo("abc");
    }

    @Test
    void masksWhatThePercentDecodedFormReveals() {
        PiiMasker masker = PiiMasker.defaults();
        assertThat(SafeDetail.mask(masker, "GET /customers/jane%40example.com failed", 500))
                .isEqualTo("GET /customers/" + masker.mask("jane@example.com") + " failed");
        assertThat(SafeDetail.mask(masker, "call %2B1%20415%20555%200123 failed", 500))
                .doesNotContain("555");
        assertThat(SafeDetail.mask(masker, "jane%2540example.com", 500)).doesNotContain("jane"); // double-encoded
    }

    @Test
    void leavesACleanDetailWithEscapesAsItIs() {
        PiiMasker masker = PiiMasker.defaults();
        String detail = "GET /api%2Fv1 answered 503 (load 100%)";
        assertThat(SafeDetail.mask(masker, detail, 500)).isSameAs(detail);
    }

    private static final class Odd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new UnsupportedOperationException("no message");
        }
    }
}
