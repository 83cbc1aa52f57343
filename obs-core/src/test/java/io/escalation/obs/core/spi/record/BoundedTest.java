package io.escalation.obs.core.spi.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void sumsSaturateInsteadOfWrapping() {
        assertThat(Bounded.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Bounded.add(Long.MAX_VALUE - 5, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Bounded.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Bounded.add(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(Bounded.add(40, 2)).isEqualTo(42);

        AtomicLong total = new AtomicLong();
        for (int i = 0; i < 3; i++) {
            assertThat(Bounded.addTo(total, Long.MAX_VALUE / 2 + 1)).isPositive();
        }
        assertThat(total.get()).isEqualTo(Long.MAX_VALUE);
        assertThat(Bounded.addTo(total, -1)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void durationsBeyondNanosecondsSaturate() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        assertThat(Bounded.toNanos(Duration.between(Instant.MAX, now))).isEqualTo(Long.MIN_VALUE);
        assertThat(Bounded.toNanos(Duration.between(Instant.MIN, now))).isEqualTo(Long.MAX_VALUE);
        assertThat(Bounded.toNanos(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Bounded.toNanos(Duration.ofMillis(-1_500))).isEqualTo(-1_500_000_000L);
        assertThat(Bounded.toNanos(Duration.ofDays(365)))
                .isEqualTo(Duration.ofDays(365).toNanos());
        assertThat(Bounded.toNanos(Duration.ofNanos(Long.MIN_VALUE + 1_000_000_000L)))
                .isEqualTo(Long.MIN_VALUE); // within a second of the edge: saturated early, never wrapped
    }

    @Test
    void decimalsWithAbsurdScaleOrPrecisionAreRejectedWithoutArithmetic() {
        assertThat(Bounded.isTractable(new BigDecimal("125.40"))).isTrue();
        assertThat(Bounded.isTractable(new BigDecimal("0.000001"))).isTrue();
        assertThat(Bounded.isTractable(new BigDecimal("-1E+100"))).isTrue();
        assertThat(Bounded.isTractable(new BigDecimal("1E-100000000"))).isFalse();
        assertThat(Bounded.isTractable(new BigDecimal("1E+100000000"))).isFalse();
        assertThat(Bounded.isTractable(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1)))
                .isFalse();
        assertThat(Bounded.isTractable(new BigDecimal("9".repeat(151)))).isFalse();
    }
}
