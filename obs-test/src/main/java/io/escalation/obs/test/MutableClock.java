package io.escalation.obs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves by hand, for facades that read time through
 * {@link io.escalation.obs.core.Observability#clock()} (budgets, deadlines, windows).
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2025-03-31T23:59:59Z"));
 * try (TestObservability test = TestObservability.create(b -> b.clock(clock))) {
 *     clock.advance(Duration.ofSeconds(1));   // the next period
 * }
 * }</pre>
 *
 * <p>Safe to read from other threads: the instant is volatile. {@link #withZone} returns this clock,
 * which stays in UTC.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /**
     * A clock standing at {@code start}.
     *
     * @param start the first instant the clock shows
     */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock to {@code instant}, forwards or backwards.
     *
     * @param instant the instant the clock shows from now on
     */
    public void set(Instant instant) {
        now = instant;
    }

    /**
     * Moves the clock forwards by {@code duration} (backwards when negative).
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
