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
        assertThat(SafeDetail.describe(odd)).isEqualTo(odd.getClass().getName());   // anonymous: no simple name
        assertThat(SafeDetail.describe(new Odd())).isEqualTo("Odd");
    }

    @Test
    void masksAndCuts() {
        PiiMasker masker = PiiMasker.defaults();
        assertThat(SafeDetail.mask(masker, "mail jane.doe@example.com", 100)).doesNotContain("jane.doe@example.com");
        assertThat(SafeDetail.mask(masker, "abcdef", 3)).isEqualTo("abc...");
        assertThat(SafeDetail.mask(masker, "abc", 3)).isEqualTo("abc");
    }

    private static final class Odd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new UnsupportedOperationException("no message");
        }
    }
}
