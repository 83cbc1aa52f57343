package io.escalation.obs.tcpa;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Business-day deadlines for opt-out and consent revocation requests, which the FCC's 2024
 * revocation order (FCC 24-24) requires to be honoured within 10 business days of receipt.
 *
 * <pre>{@code
 * OptOutDeadlines deadlines = OptOutDeadlines.of(ZoneId.of("America/New_York"));
 * deadlines.lastDayToHonour(receivedAt);   // received Mon 2026-03-02: Mon 2026-03-16
 * deadlines.deadline(receivedAt);          // 2026-03-17T00:00-04:00: overdue from this instant on
 * }</pre>
 *
 * <p>How days are counted: the day of receipt (its date in the company's zone) is day 0, whatever
 * the time of receipt; the request must be honoured by the end of the 10th business day after it,
 * and is overdue from the start of the following day. A request received on a weekend or holiday
 * starts counting from the next business day in the same way. <b>Holidays:</b> only Saturdays and
 * Sundays are skipped unless the caller supplies holidays ({@link #of(ZoneId, Collection)}); the
 * library ships no holiday calendar, because which days count is the company's legal decision.
 * Without holidays the deadline is earlier than or equal to one with them, so the default errs on
 * the early side. Instances are immutable.
 */
public final class OptOutDeadlines {

    /** Business days allowed to honour a request. */
    public static final int BUSINESS_DAYS = 10;
    /** A pending request is "due soon" from the start of this business day after receipt. */
    static final int DUE_SOON_BUSINESS_DAY = 8;

    private static final int MAX_HOLIDAYS = 10_000;
    private static final int MAX_BUSINESS_DAYS = 3_660;

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    private OptOutDeadlines(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = holidays;
    }

    /**
     * Deadlines counted in {@code zone} (the company's), skipping Saturdays and Sundays only.
     *
     * @param zone the company's time zone
     * @return the deadlines
     */
    public static OptOutDeadlines of(ZoneId zone) {
        return new OptOutDeadlines(Objects.requireNonNull(zone, "zone"), Set.of());
    }

    /**
     * Deadlines counted in {@code zone}, skipping Saturdays, Sundays and {@code holidays}.
     *
     * @param zone the company's time zone
     * @param holidays dates that are not business days, copied
     * @return the deadlines
     * @throws IllegalArgumentException when more than 10000 holidays are given
     */
    public static OptOutDeadlines of(ZoneId zone, Collection<LocalDate> holidays) {
        Objects.requireNonNull(zone, "zone");
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new IllegalArgumentException("OptOutDeadlines takes at most " + MAX_HOLIDAYS + " holidays, got "
                    + holidays.size() + ": pass only the years that matter");
        }
        return new OptOutDeadlines(zone, Set.copyOf(holidays));
    }

    /**
     * The zone in which days are counted.
     *
     * @return the company's time zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * True unless {@code date} is a Saturday, a Sunday or a supplied holiday.
     *
     * @param date the date to check
     * @return true for a business day
     */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /**
     * The {@code n}th business day after {@code date} ({@code date} itself not counted); {@code date}
     * for {@code n == 0}.
     *
     * @param date the start date
     * @param n the number of business days to add
     * @return the business day reached
     * @throws IllegalArgumentException for {@code n} negative or above 3660 (about 14 years)
     */
    public LocalDate plusBusinessDays(LocalDate date, int n) {
        if (n < 0 || n > MAX_BUSINESS_DAYS) {
            throw new IllegalArgumentException("n must be between 0 and " + MAX_BUSINESS_DAYS + ", was " + n);
        }
        LocalDate day = date;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The last day on which a request received at {@code receivedAt} may still be honoured.
     *
     * @param receivedAt when the request was received
     * @return the last business day to honour it, in {@link #zone()}
     */
    public LocalDate lastDayToHonour(Instant receivedAt) {
        return plusBusinessDays(receivedAt.atZone(zone).toLocalDate(), BUSINESS_DAYS);
    }

    /**
     * The first instant at which a request received at {@code receivedAt} is overdue.
     *
     * @param receivedAt when the request was received
     * @return the first overdue instant
     */
    public Instant deadline(Instant receivedAt) {
        return lastDayToHonour(receivedAt).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The instant from which a pending request counts as due soon (3 business days left). */
    Instant dueSoonFrom(Instant receivedAt) {
        LocalDate received = receivedAt.atZone(zone).toLocalDate();
        return plusBusinessDays(received, DUE_SOON_BUSINESS_DAY)
                .atStartOfDay(zone)
                .toInstant();
    }

    @Override
    public String toString() {
        return "OptOutDeadlines[" + zone + ", " + holidays.size() + " holidays]";
    }
}
