package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecodingTest {

    @Test
    void decodesEscapesAsUtf8() {
        assertThat(PercentDecoding.decode("jane%40example.com")).isEqualTo("jane@example.com");
        assertThat(PercentDecoding.decode("%2B1%20415")).isEqualTo("+1 415");
        assertThat(PercentDecoding.decode("caf%C3%A9")).isEqualTo("caf\u00e9");
    }

    @Test
    void decodesAValueEscapedTwice() {
        assertThat(PercentDecoding.decode("jane%2540example.com")).isEqualTo("jane@example.com");
    }

    @Test
    void leavesMalformedEscapesAndPlainTextAsTheyAre() {
        String plain = "load 100% of /api";
        assertThat(PercentDecoding.decode(plain)).isSameAs(plain);
        String malformed = "%zz and %4";
        assertThat(PercentDecoding.decode(malformed)).isSameAs(malformed);
        assertThat(PercentDecoding.decode("%")).isEqualTo("%");
    }
}
