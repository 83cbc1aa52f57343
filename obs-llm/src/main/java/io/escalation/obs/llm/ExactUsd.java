package io.escalation.obs.llm;

import java.math.BigDecimal;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running US-dollar total, exact to the picodollar and contention-friendly: whole micro-dollars
 * and the picodollar remainder are summed in separate {@link LongAdder}s, so neither can overflow
 * in practice (the micro-dollar sum would need 9.2 trillion dollars, the remainder 9.2 trillion
 * additions). Adding allocates nothing; reading builds a {@link BigDecimal}.
 */
final class ExactUsd {

    private static final long PICOS_PER_MICRO = 1_000_000L;

    private final LongAdder micros = new LongAdder();
    private final LongAdder picoRemainders = new LongAdder();

    /** Adds {@code picos} (non-negative) picodollars. */
    void add(long picos) {
        micros.add(picos / PICOS_PER_MICRO);
        picoRemainders.add(picos % PICOS_PER_MICRO);
    }

    /** The exact total in USD. */
    BigDecimal total() {
        return BigDecimal.valueOf(micros.sum()).movePointLeft(6)
                .add(BigDecimal.valueOf(picoRemainders.sum()).movePointLeft(ModelPrice.PICO_SCALE));
    }

    /** The total as the nearest double, for the Prometheus counter. */
    double totalUsd() {
        return total().doubleValue();
    }
}
