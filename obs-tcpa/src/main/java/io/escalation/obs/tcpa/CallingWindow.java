package io.escalation.obs.tcpa;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * The hours of the consumer's local day in which contacts are allowed: by default 8:00 (inclusive)
 * to 21:00 (exclusive), the window of 47 CFR 64.1200(c)(1) and 12 CFR 1006.6(b)(1). The local time
 * comes from the instant and the zone through the zone's rules, so daylight-saving changes are
 * applied (a fixed UTC offset would be an hour wrong for half the year).
 *
 * <pre>{@code
 * Instant now = clock.instant();
 * ZoneId zone = ZoneId.of("America/New_York");          // the consumer's zone
 * if (!CallingWindow.standard().contains(now, zone)) {
 *     audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, consumerId, zone, now);
 * }
 * }</pre>
 *
 * <p>The end is exclusive, so 21:00:00 itself is outside: the conservative reading of "after 9 p.m.".
 * When the consumer's location is ambiguous (the area code says one zone, the address another), use
 * {@link #containsInEveryZone}. This is a helper for the caller's compliance logic; it does not decide
 * compliance. Instances are immutable.
 */
public final class CallingWindow {

    private static final CallingWindow STANDARD = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));

    private final LocalTime start;
    private final LocalTime end;

    private CallingWindow(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    /**
     * 8:00 inclusive to 21:00 exclusive, local time.
     *
     * @return the 8:00 to 21:00 window
     */
    public static CallingWindow standard() {
        return STANDARD;
    }

    /**
     * A narrower window, e.g. a company policy of 9:00 to 20:00.
     *
     * @param start the first local time inside the window, 8:00 or later
     * @param end the first local time after the window, 21:00 or earlier
     * @return the window
     * @throws IllegalArgumentException when {@code start} is not before {@code end}, or the window
     *     reaches outside 8:00 to 21:00 (a wider window would record contacts the rules forbid as allowed)
     */
    public static CallingWindow of(LocalTime start, LocalTime end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("CallingWindow start " + start + " must be before end " + end);
        }
        if (start.isBefore(STANDARD.start) || end.isAfter(STANDARD.end)) {
            throw new IllegalArgumentException("CallingWindow " + start + "-" + end
                    + " reaches outside 08:00-21:00: narrow it to the calling hours the rules allow");
        }
        return new CallingWindow(start, end);
    }

    /**
     * The first local time inside the window.
     *
     * @return the start, inclusive
     */
    public LocalTime start() {
        return start;
    }

    /**
     * The first local time after the window.
     *
     * @return the end, exclusive
     */
    public LocalTime end() {
        return end;
    }

    /**
     * True when {@code instant} is inside the window in {@code zone}.
     *
     * @param instant the moment of the contact
     * @param zone the consumer's time zone
     * @return true when calling is allowed then
     */
    public boolean contains(Instant instant, ZoneId zone) {
        return contains(localTime(instant, zone));
    }

    /**
     * True when the wall-clock {@code localTime} is inside the window.
     *
     * @param localTime the consumer's local time
     * @return true when {@code start <= localTime < end}
     */
    public boolean contains(LocalTime localTime) {
        Objects.requireNonNull(localTime, "localTime");
        return !localTime.isBefore(start) && localTime.isBefore(end);
    }

    /**
     * True when {@code instant} is inside the window in every one of {@code zones}, for consumers whose
     * location is ambiguous; false for an empty collection.
     *
     * @param instant the moment of the contact
     * @param zones the zones the consumer may be in
     * @return true when calling is allowed in all of them
     */
    public boolean containsInEveryZone(Instant instant, Collection<ZoneId> zones) {
        Objects.requireNonNull(zones, "zones");
        if (zones.isEmpty()) {
            return false;
        }
        for (ZoneId zone : zones) {
            if (!contains(instant, zone)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The consumer's wall-clock time at {@code instant} in {@code zone}, daylight saving applied.
     *
     * @param instant the moment to convert
     * @param zone the consumer's time zone
     * @return the local time of day
     */
    public static LocalTime localTime(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
        return ZonedDateTime.ofInstant(instant, zone).toLocalTime();
    }

    @Override
    public String toString() {
        return "CallingWindow[" + start + "-" + end + ")";
    }
}
