package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.Bounded;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running US-dollar total, exact to the picodollar: whole micro-dollars and the picodollar
 * remainder are summed separately, each saturating at {@code Long.MAX_VALUE} instead of wrapping
 * (the micro-dollar sum reaches it at 9.2 trillion dollars). Adding allocates nothing; reading
 * builds a {@link BigDecimal}.
 */
final class ExactUsd {

    private static final long PICOS_PER_MICRO = 1_000_000L;

    private final AtomicLong micros = new AtomicLong();
    private final AtomicLong picoRemainders = new AtomicLong();

    /** Adds {@code picos} (non-negative) picodollars. */
    void add(long picos) {
        Bounded.addTo(micros, picos / PICOS_PER_MICRO);
        Bounded.addTo(picoRemainders, picos % PICOS_PER_MICRO);
    }

    /** The exact total in USD. */
    BigDecimal total() {
        return BigDecimal.valueOf(micros.get())
                .movePointLeft(6)
                .add(BigDecimal.valueOf(picoRemainders.get()).movePointLeft(ModelPrice.PICO_SCALE));
    }

    /** The total as the nearest double, for the Prometheus counter. */
    double totalUsd() {
        return total().doubleValue();
    }
}
