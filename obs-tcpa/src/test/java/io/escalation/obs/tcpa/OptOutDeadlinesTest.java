package io.escalation.obs.tcpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ten business days after the day of receipt, in the company's zone; weekends and supplied holidays skipped. */
class OptOutDeadlinesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final OptOutDeadlines WEEKENDS_ONLY = OptOutDeadlines.of(NEW_YORK);

    @Test
    void aMondayRequestIsDueByTheMondayTwoWeeksLater() {
        Instant received = Instant.parse("2026-03-02T15:00:00Z"); // Monday 10:00 EST
        assertThat(WEEKENDS_ONLY.lastDayToHonour(received)).isEqualTo("2026-03-16");
        // overdue from midnight after the last day, in EDT by then
        assertThat(WEEKENDS_ONLY.deadline(received)).isEqualTo("2026-03-17T04:00:00Z");
    }

    @Test
    void theDayOfReceiptIsTheLocalDateNotTheUtcDate() {
        Instant lateMondayEvening = Instant.parse("2026-03-03T03:00:00Z"); // Monday 22:00 EST, Tuesday in UTC
        assertThat(WEEKENDS_ONLY.lastDayToHonour(lateMondayEvening)).isEqualTo("2026-03-16");
    }

    @Test
    void fridayAndWeekendRequestsShareTheirDeadline() {
        assertThat(WEEKENDS_ONLY.lastDayToHonour(Instant.parse("2026-03-06T22:00:00Z")))
                .isEqualTo("2026-03-20");
        assertThat(WEEKENDS_ONLY.lastDayToHonour(Instant.parse("2026-03-07T16:00:00Z")))
                .isEqualTo("2026-03-20");
        assertThat(WEEKENDS_ONLY.lastDayToHonour(Instant.parse("2026-03-08T16:00:00Z")))
                .isEqualTo("2026-03-20");
        assertThat(WEEKENDS_ONLY.deadline(Instant.parse("2026-03-07T16:00:00Z")))
                .isEqualTo("2026-03-21T04:00:00Z");
    }

    @Test
    void suppliedHolidaysPushTheDeadline() {
        Instant received = Instant.parse("2026-11-23T15:00:00Z"); // Monday of Thanksgiving week
        assertThat(WEEKENDS_ONLY.lastDayToHonour(received)).isEqualTo("2026-12-07");
        OptOutDeadlines withThanksgiving = OptOutDeadlines.of(NEW_YORK, List.of(LocalDate.of(2026, 11, 26)));
        assertThat(withThanksgiving.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse();
        assertThat(withThanksgiving.lastDayToHonour(received)).isEqualTo("2026-12-08");
        assertThat(withThanksgiving.deadline(received)).isEqualTo("2026-12-09T05:00:00Z"); // midnight EST
    }

    @Test
    void aDeadlineAcrossTheFallBackChangeIsMidnightStandardTime() {
        Instant received = Instant.parse("2026-10-26T14:00:00Z"); // Monday, EDT
        assertThat(WEEKENDS_ONLY.lastDayToHonour(received)).isEqualTo("2026-11-09");
        assertThat(WEEKENDS_ONLY.deadline(received)).isEqualTo("2026-11-10T05:00:00Z");
    }

    @Test
    void businessDayArithmetic() {
        LocalDate friday = LocalDate.of(2026, 3, 6);
        assertThat(WEEKENDS_ONLY.plusBusinessDays(friday, 0)).isEqualTo(friday);
        assertThat(WEEKENDS_ONLY.plusBusinessDays(friday, 1)).isEqualTo("2026-03-09");
        assertThat(WEEKENDS_ONLY.isBusinessDay(LocalDate.of(2026, 3, 7))).isFalse();
        assertThat(WEEKENDS_ONLY.isBusinessDay(LocalDate.of(2026, 3, 8))).isFalse();
        assertThat(WEEKENDS_ONLY.isBusinessDay(friday)).isTrue();
        assertThatThrownBy(() -> WEEKENDS_ONLY.plusBusinessDays(friday, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WEEKENDS_ONLY.plusBusinessDays(friday, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 3660");
    }

    @Test
    void dueSoonStartsOnTheEighthBusinessDay() {
        Instant received = Instant.parse("2026-03-02T15:00:00Z");
        assertThat(WEEKENDS_ONLY.dueSoonFrom(received)).isEqualTo("2026-03-12T04:00:00Z"); // Thu Mar 12, 00:00 EDT
    }
}
