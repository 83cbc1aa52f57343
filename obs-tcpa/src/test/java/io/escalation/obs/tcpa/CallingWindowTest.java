package io.escalation.obs.tcpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 8:00-21:00 window read in the consumer's zone, across daylight-saving changes. */
class CallingWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    private static final ZoneId HONOLULU = ZoneId.of("Pacific/Honolulu");
    private static final CallingWindow WINDOW = CallingWindow.standard();

    private static boolean inside(String instant, ZoneId zone) {
        return WINDOW.contains(Instant.parse(instant), zone);
    }

    @Test
    void newYorkBeforeSpringForwardIsFiveHoursBehindUtc() {
        assertThat(inside("2026-03-07T12:59:59Z", NEW_YORK)).isFalse(); // 07:59:59 EST
        assertThat(inside("2026-03-07T13:00:00Z", NEW_YORK)).isTrue(); // 08:00 EST
        assertThat(inside("2026-03-08T01:59:59Z", NEW_YORK)).isTrue(); // 20:59:59 EST, Mar 7
        assertThat(inside("2026-03-08T02:00:00Z", NEW_YORK)).isFalse(); // 21:00 EST
    }

    @Test
    void newYorkOnTheSpringForwardDayOpensAnHourEarlierInUtc() {
        // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; the window is read in EDT (UTC-4) all day
        assertThat(inside("2026-03-08T11:59:59Z", NEW_YORK)).isFalse(); // 07:59:59 EDT
        assertThat(inside("2026-03-08T12:00:00Z", NEW_YORK)).isTrue(); // 08:00 EDT (07:00 under a fixed -05:00)
        assertThat(inside("2026-03-09T00:59:59Z", NEW_YORK)).isTrue(); // 20:59:59 EDT
        assertThat(inside("2026-03-09T01:00:00Z", NEW_YORK)).isFalse(); // 21:00 EDT (20:00 under a fixed -05:00)
    }

    @Test
    void theSkippedHourDoesNotExistLocally() {
        assertThat(CallingWindow.localTime(Instant.parse("2026-03-08T06:59:59Z"), NEW_YORK))
                .isEqualTo("01:59:59");
        assertThat(CallingWindow.localTime(Instant.parse("2026-03-08T07:00:00Z"), NEW_YORK))
                .isEqualTo("03:00");
    }

    @Test
    void newYorkOnTheFallBackDayOpensAnHourLaterInUtc() {
        // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST; the window is read in EST (UTC-5)
        assertThat(inside("2026-11-01T12:59:59Z", NEW_YORK)).isFalse(); // 07:59:59 EST (08:59:59 under EDT)
        assertThat(inside("2026-11-01T13:00:00Z", NEW_YORK)).isTrue(); // 08:00 EST
        assertThat(inside("2026-11-02T01:59:59Z", NEW_YORK)).isTrue(); // 20:59:59 EST
        assertThat(inside("2026-11-02T02:00:00Z", NEW_YORK)).isFalse(); // 21:00 EST
    }

    @Test
    void theRepeatedHourIsOutsideBothTimes() {
        Instant firstPass = Instant.parse("2026-11-01T05:30:00Z"); // 01:30 EDT
        Instant secondPass = Instant.parse("2026-11-01T06:30:00Z"); // 01:30 EST
        assertThat(CallingWindow.localTime(firstPass, NEW_YORK)).isEqualTo("01:30");
        assertThat(CallingWindow.localTime(secondPass, NEW_YORK)).isEqualTo("01:30");
        assertThat(WINDOW.contains(firstPass, NEW_YORK)).isFalse();
        assertThat(WINDOW.contains(secondPass, NEW_YORK)).isFalse();
    }

    @Test
    void phoenixKeepsMountainStandardTimeAllYear() {
        assertThat(inside("2026-03-08T14:59:59Z", PHOENIX)).isFalse(); // 07:59:59 MST
        assertThat(inside("2026-03-08T15:00:00Z", PHOENIX)).isTrue(); // 08:00 MST
        assertThat(inside("2026-07-01T14:59:59Z", PHOENIX)).isFalse(); // still UTC-7 in summer
        assertThat(inside("2026-07-01T15:00:00Z", PHOENIX)).isTrue();
        assertThat(inside("2026-07-02T03:59:59Z", PHOENIX)).isTrue(); // 20:59:59 MST
        assertThat(inside("2026-07-02T04:00:00Z", PHOENIX)).isFalse(); // 21:00 MST
        assertThat(inside("2026-11-01T15:00:00Z", PHOENIX)).isTrue(); // New York's fall-back day changes nothing
    }

    @Test
    void honoluluIsTenHoursBehindUtcAllYear() {
        assertThat(inside("2026-01-15T17:59:59Z", HONOLULU)).isFalse(); // 07:59:59 HST
        assertThat(inside("2026-01-15T18:00:00Z", HONOLULU)).isTrue();
        assertThat(inside("2026-07-01T18:00:00Z", HONOLULU)).isTrue();
        assertThat(inside("2026-07-02T06:59:59Z", HONOLULU)).isTrue(); // 20:59:59 HST, Jul 1
        assertThat(inside("2026-07-02T07:00:00Z", HONOLULU)).isFalse(); // 21:00 HST
    }

    @Test
    void startIsInsideAndEndIsOutside() {
        assertThat(WINDOW.contains(LocalTime.of(8, 0))).isTrue();
        assertThat(WINDOW.contains(LocalTime.of(7, 59, 59, 999_999_999))).isFalse();
        assertThat(WINDOW.contains(LocalTime.of(20, 59, 59, 999_999_999))).isTrue();
        assertThat(WINDOW.contains(LocalTime.of(21, 0))).isFalse();
        assertThat(WINDOW.contains(LocalTime.MIDNIGHT)).isFalse();
    }

    @Test
    void anAmbiguousLocationMustBeInsideInEveryZone() {
        Instant at = Instant.parse("2026-07-01T12:30:00Z"); // 08:30 in New York, 07:30 in Chicago
        assertThat(WINDOW.containsInEveryZone(at, List.of(NEW_YORK))).isTrue();
        assertThat(WINDOW.containsInEveryZone(at, List.of(NEW_YORK, CHICAGO))).isFalse();
        assertThat(WINDOW.containsInEveryZone(at.plusSeconds(3600), List.of(NEW_YORK, CHICAGO)))
                .isTrue();
        assertThat(WINDOW.containsInEveryZone(at, List.of())).isFalse();
    }

    @Test
    void aCompanyWindowMayBeNarrowerButNotWider() {
        CallingWindow policy = CallingWindow.of(LocalTime.of(9, 0), LocalTime.of(20, 0));
        assertThat(policy.contains(LocalTime.of(8, 30))).isFalse();
        assertThat(policy.contains(LocalTime.of(9, 0))).isTrue();
        assertThat(policy.contains(LocalTime.of(20, 0))).isFalse();
        assertThatThrownBy(() -> CallingWindow.of(LocalTime.of(7, 0), LocalTime.of(21, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 08:00-21:00");
        assertThatThrownBy(() -> CallingWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be before end");
    }
}
