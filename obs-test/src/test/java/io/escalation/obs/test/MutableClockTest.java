package io.escalation.obs.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void showsWhatItWasSetToAndMovesOnlyWhenTold() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-08T12:00:00.000000123Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-08T12:00:00.000000123Z"));
        assertThat(clock.millis())
                .isEqualTo(Instant.parse("2026-03-08T12:00:00Z").toEpochMilli());

        clock.advance(Duration.ofMinutes(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-08T13:30:00.000000123Z"));
        clock.set(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void staysInUtcWhateverZoneIsAsked() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneId.of("America/New_York"))).isSameAs(clock);
    }
}
