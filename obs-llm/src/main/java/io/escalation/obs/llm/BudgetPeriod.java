package io.escalation.obs.llm;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** How long an {@link LlmBudget} lasts before it starts again; calendar boundaries in the budget's zone. */
public enum BudgetPeriod {
    /** From midnight to midnight. */
    DAY,
    /** From Monday 00:00 to the next Monday 00:00. */
    WEEK,
    /** From the first of the month 00:00 to the first of the next month (the default). */
    MONTH;

    /** The start of the period holding {@code instant}. */
    Instant start(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
        return first.atStartOfDay(zone).toInstant();
    }

    /** The end (exclusive) of the period starting at {@code start}. */
    Instant end(Instant start, ZoneId zone) {
        LocalDate date = start.atZone(zone).toLocalDate();
        LocalDate next = switch (this) {
            case DAY -> date.plusDays(1);
            case WEEK -> date.plusWeeks(1);
            case MONTH -> date.plusMonths(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }
}
