package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.Bounded;
import io.escalation.obs.core.spi.record.Faults;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A spending limit per period (monthly by default) that every priced LLM request counts against,
 * exposed as {@code llm_budget_remaining_usd} and {@code llm_budget_utilization_ratio}, and
 * readable by the service to stop spending. The period starts again at its calendar boundary in
 * the budget's zone, read from {@code Observability.clock()}.
 *
 * <pre>{@code
 * LlmMetrics llm = LlmMetrics.builder(obs)
 *         .budget(LlmBudget.builder(new BigDecimal("5000")).warnAt(0.8)
 *                 .onStateChange((from, to, budget) -> alerts.post("LLM budget " + to)))
 *         .build();
 * if (llm.budget().orElseThrow().isExhausted()) { return cannedAnswer(); }
 * }</pre>
 */
public final class LlmBudget {

    private static final BudgetState[] STATES = BudgetState.values();
    private static final BigDecimal MAX_LIMIT = BigDecimal.valueOf(1_000_000);

    private final BigDecimal limitUsd;
    private final long limitPicos;
    private final long warnPicos;
    private final BudgetPeriod period;
    private final ZoneId zone;
    private final @Nullable BudgetListener listener;
    private final Clock clock;
    private final Faults faults;
    private final AtomicInteger state = new AtomicInteger(BudgetState.OK.ordinal());
    private volatile Period current;

    private LlmBudget(Builder b, Clock clock, Faults faults) {
        this.limitUsd = b.limitUsd;
        this.limitPicos = b.limitUsd.movePointRight(ModelPrice.PICO_SCALE).longValueExact();
        this.warnPicos = b.limitUsd
                .multiply(BigDecimal.valueOf(b.warnAt))
                .movePointRight(ModelPrice.PICO_SCALE)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
        this.period = b.period;
        this.zone = b.zone;
        this.listener = b.listener;
        this.clock = clock;
        this.faults = faults;
        this.current = periodOf(clock.millis());
    }

    /**
     * Starts a budget of {@code limitUsd} per period; monthly in UTC, warning at 80 %, unless set otherwise.
     * Invalid settings fail when {@code LlmMetrics.Builder.build()} runs.
     *
     * @param limitUsd the limit per period in US dollars, positive
     * @return a builder with the defaults
     */
    public static Builder builder(BigDecimal limitUsd) {
        return new Builder(limitUsd);
    }

    static LlmBudget create(Builder builder, Clock clock, Faults faults) {
        builder.validate();
        return new LlmBudget(builder, clock, faults);
    }

    /**
     * The limit per period in USD.
     *
     * @return the limit in US dollars
     */
    public BigDecimal limitUsd() {
        return limitUsd;
    }

    /**
     * The period length.
     *
     * @return the period
     */
    public BudgetPeriod period() {
        return period;
    }

    /**
     * Exact spending of the current period in USD.
     *
     * @return the spending in US dollars
     */
    public BigDecimal spentUsd() {
        return BigDecimal.valueOf(refresh(clock.millis()).spentPicos.get())
                .movePointLeft(ModelPrice.PICO_SCALE)
                .stripTrailingZeros();
    }

    /**
     * The limit minus the spending of the current period, exact; negative when overspent.
     *
     * @return the remaining amount in US dollars
     */
    public BigDecimal remainingUsd() {
        return limitUsd.subtract(spentUsd());
    }

    /**
     * Spending of the current period divided by the limit: 0 at the start, 1 at the limit.
     *
     * @return the utilization; above 1 when overspent
     */
    public double utilization() {
        return (double) refresh(clock.millis()).spentPicos.get() / limitPicos;
    }

    /**
     * The state of the current period.
     *
     * @return the current state
     */
    public BudgetState state() {
        refresh(clock.millis());
        return STATES[state.get()];
    }

    /**
     * True once the current period's spending reached the limit: stop spending until {@link #periodEnd()}.
     *
     * @return true when the limit is reached
     */
    public boolean isExhausted() {
        return state() == BudgetState.EXHAUSTED;
    }

    /**
     * When the current period started.
     *
     * @return the start of the current period
     */
    public Instant periodStart() {
        return Instant.ofEpochMilli(refresh(clock.millis()).startMillis);
    }

    /**
     * When the current period ends and spending starts again from zero.
     *
     * @return the end of the current period, exclusive
     */
    public Instant periodEnd() {
        return Instant.ofEpochMilli(refresh(clock.millis()).endMillis);
    }

    /** Counts {@code picos} against the period holding now. Allocates nothing outside a period change. */
    void spend(long picos) {
        // the service's clock, or a date no period can hold, may throw: counted, never the caller's problem
        faults.guardLong(LlmCatalogue.BUDGET_REMAINING, LlmBudget::add, this, picos);
    }

    private void add(long picos) {
        Period p = refresh(clock.millis());
        long spent = Bounded.addTo(p.spentPicos, picos); // saturates far beyond any limit, never wraps
        BudgetState next =
                spent >= limitPicos ? BudgetState.EXHAUSTED : spent >= warnPicos ? BudgetState.WARNING : BudgetState.OK;
        int prev = state.get();
        // within a period the state only rises; a spend racing a period change must not raise the new period
        while (next.ordinal() > prev && p == current) {
            if (state.compareAndSet(prev, next.ordinal())) {
                notifyListener(STATES[prev], next);
                return;
            }
            prev = state.get();
        }
    }

    double remainingUsdAsDouble() {
        return remainingUsd().doubleValue();
    }

    private Period refresh(long nowMillis) {
        Period p = current;
        if (nowMillis >= p.endMillis) { // forward only: a clock stepping back does not reopen a period
            p = roll(nowMillis);
        }
        return p;
    }

    private synchronized Period roll(long nowMillis) {
        Period p = current;
        if (nowMillis < p.endMillis) {
            return p;
        }
        Period next = periodOf(nowMillis);
        current = next;
        int prev = state.getAndSet(BudgetState.OK.ordinal());
        if (prev != BudgetState.OK.ordinal()) {
            notifyListener(STATES[prev], BudgetState.OK);
        }
        return next;
    }

    private Period periodOf(long nowMillis) {
        Instant start = period.start(Instant.ofEpochMilli(nowMillis), zone);
        return new Period(start.toEpochMilli(), period.end(start, zone).toEpochMilli());
    }

    private void notifyListener(BudgetState from, BudgetState to) {
        BudgetListener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.onStateChange(from, to, this);
        } catch (Throwable e) { // the user's code: anything but a VirtualMachineError is counted, not thrown
            faults.callbackFailed(LlmCatalogue.BUDGET_REMAINING, e);
        }
    }

    @Override
    public String toString() {
        return "LlmBudget[" + limitUsd.toPlainString() + " USD per " + period + " in " + zone + ", " + state() + "]";
    }

    private static final class Period {
        final long startMillis;
        final long endMillis;
        final AtomicLong spentPicos = new AtomicLong();

        Period(long startMillis, long endMillis) {
            this.startMillis = startMillis;
            this.endMillis = endMillis;
        }
    }

    /** Configures an {@link LlmBudget}; checked when the {@link LlmMetrics} is built. */
    public static final class Builder {
        private final BigDecimal limitUsd;
        private BudgetPeriod period = BudgetPeriod.MONTH;
        private ZoneId zone = ZoneOffset.UTC;
        private double warnAt = 0.8;
        private @Nullable BudgetListener listener;

        private Builder(BigDecimal limitUsd) {
            this.limitUsd = Objects.requireNonNull(limitUsd, "LlmBudget limitUsd must not be null");
        }

        /**
         * The period; default {@link BudgetPeriod#MONTH}.
         *
         * @param period the period length
         * @return this builder
         */
        public Builder period(BudgetPeriod period) {
            this.period = Objects.requireNonNull(period, "LlmBudget period must not be null");
            return this;
        }

        /**
         * The zone whose calendar sets the period boundaries; default UTC.
         *
         * @param zone the zone of the period boundaries
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "LlmBudget zone must not be null");
            return this;
        }

        /**
         * The utilization (0..1, exclusive) from which the state is {@link BudgetState#WARNING}; default 0.8.
         *
         * @param warnAt the warning threshold, between 0 and 1
         * @return this builder
         */
        public Builder warnAt(double warnAt) {
            this.warnAt = warnAt;
            return this;
        }

        /**
         * Told of every state change; default none.
         *
         * @param listener the listener, called on the recording thread that changed the state
         * @return this builder
         */
        public Builder onStateChange(BudgetListener listener) {
            this.listener = Objects.requireNonNull(listener, "LlmBudget listener must not be null");
            return this;
        }

        /**
         * What {@link LlmMetrics} compares when it is built again on the same {@code Observability}:
         * the limit by value, the listener by identity.
         */
        List<@Nullable Object> settings() {
            return Arrays.asList(limitUsd.stripTrailingZeros(), period, zone, warnAt, listener);
        }

        /** {@code v} in plain digits, or as written ({@code 1E-100000000}) when that would take more than 40 digits. */
        private static String shown(BigDecimal v) {
            return Math.abs((long) v.scale()) + v.precision() <= 40 ? v.toPlainString() : v.toString();
        }

        void validate() {
            if (limitUsd.signum() <= 0 || limitUsd.compareTo(MAX_LIMIT) > 0) {
                throw new IllegalArgumentException("LlmBudget limit must be above 0 and at most 1000000 USD per period,"
                        + " was " + shown(limitUsd));
            }
            if (limitUsd.stripTrailingZeros().scale() > 6) {
                throw new IllegalArgumentException(
                        "LlmBudget limit " + shown(limitUsd) + " has more than 6 decimals: round it to a micro-dollar");
            }
            if (!(warnAt > 0 && warnAt < 1)) {
                throw new IllegalArgumentException("LlmBudget warnAt must be a ratio between 0 and 1 (exclusive),"
                        + " e.g. 0.8 for 80 %, was " + warnAt);
            }
        }
    }
}
