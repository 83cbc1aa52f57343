package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.Bounded;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Payments: {@code payments_collected_total}, {@code payments_collected_amount_usd_total},
 * {@code payments_promised_total} and {@code payments_failed_total}. The collection rate is a
 * recording rule over these counters (docs/business.md).
 *
 * <pre>{@code
 * PaymentMetrics payments = PaymentMetrics.create(obs);   // once per service; keep it
 * payments.collected(new BigDecimal("125.40"));           // exact: no float sum drifts
 * payments.collectedCents(12_540);                        // the same, allocation-free
 * payments.promised();
 * payments.failed();
 * }</pre>
 *
 * <p>Amounts are summed exactly, as a whole number of micro-dollars in a {@code long}, and
 * exposed in dollars: ten million payments of $0.10 read exactly {@code 1000000.0}. The sum
 * saturates at about 9.2 trillion dollars instead of wrapping. Amounts with more than six decimals
 * are rounded half-even to the micro-dollar. A null, negative or implausible amount (more than
 * {@value #MAX_PAYMENT_USD} dollars: typically cents passed as dollars; or a decimal no real amount
 * has, such as {@code 1E-100000000}, rejected in constant time) is left out of the amount and
 * counted in {@code obs_instrumentation_errors_total}; the payment itself is still counted.
 */
public final class PaymentMetrics {

    /** The largest single payment whose amount is recorded, in dollars. */
    public static final long MAX_PAYMENT_USD = 10_000_000L;

    static final long MICROS_PER_USD = 1_000_000L;
    private static final long MICROS_PER_CENT = 10_000L;
    private static final long MAX_PAYMENT_MICROS = MAX_PAYMENT_USD * MICROS_PER_USD;
    private static final BigDecimal MAX_PAYMENT = BigDecimal.valueOf(MAX_PAYMENT_USD);

    private final Faults faults;
    private final Counter collected;
    private final AtomicLong collectedMicros = new AtomicLong();
    private final Counter promised;
    private final Counter failed;

    private PaymentMetrics(ModuleKit kit) {
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.collected = BusinessCatalogue.PAYMENTS_COLLECTED.counter().register(registry);
        FunctionCounter.builder(
                        BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT.getName(),
                        collectedMicros,
                        micros -> (double) micros.get() / MICROS_PER_USD)
                .description(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT.getDescription())
                .baseUnit(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT.getBaseUnit())
                .register(registry);
        this.promised = BusinessCatalogue.PAYMENTS_PROMISED.counter().register(registry);
        this.failed = BusinessCatalogue.PAYMENTS_FAILED.counter().register(registry);
    }

    /**
     * The payment metrics of {@code obs}: made on the first call, then the same instance, whose amount the
     * registry reads.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the payment metrics of {@code obs}
     */
    public static PaymentMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(PaymentMetrics.class, () -> new PaymentMetrics(ModuleKit.of(obs)));
    }

    /**
     * Counts one collected payment of {@code amountUsd} dollars. Never throws.
     *
     * @param amountUsd the amount in dollars; null, negative or absurdly large amounts are counted as
     *     faults and not added
     */
    public void collected(@Nullable BigDecimal amountUsd) {
        faults.increment(BusinessCatalogue.PAYMENTS_COLLECTED, collected);
        if (faults.rejectsNull(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, amountUsd)) {
            return;
        }
        try {
            if (amountUsd.signum() < 0) {
                faults.record(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, FaultReason.NEGATIVE_VALUE);
            } else if (!Bounded.isTractable(amountUsd) || amountUsd.compareTo(MAX_PAYMENT) > 0) {
                // checked before any arithmetic: setScale on 1E-100000000 would run for minutes
                faults.record(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, FaultReason.VALUE_TOO_LARGE);
            } else {
                Bounded.addTo(
                        collectedMicros,
                        amountUsd
                                .movePointRight(6)
                                .setScale(0, RoundingMode.HALF_EVEN)
                                .longValueExact());
            }
        } catch (ArithmeticException e) {
            faults.record(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Counts one collected payment of {@code cents} US cents. Never throws or allocates.
     *
     * @param cents the amount in cents; a negative amount is counted as a fault and not added
     */
    public void collectedCents(long cents) {
        faults.increment(BusinessCatalogue.PAYMENTS_COLLECTED, collected);
        if (cents < 0) {
            faults.record(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, FaultReason.NEGATIVE_VALUE);
        } else if (cents > MAX_PAYMENT_MICROS / MICROS_PER_CENT) {
            faults.record(BusinessCatalogue.PAYMENTS_COLLECTED_AMOUNT, FaultReason.VALUE_TOO_LARGE);
        } else {
            Bounded.addTo(collectedMicros, cents * MICROS_PER_CENT);
        }
    }

    /** Counts one promise to pay. */
    public void promised() {
        faults.increment(BusinessCatalogue.PAYMENTS_PROMISED, promised);
    }

    /** Counts one failed payment attempt. */
    public void failed() {
        faults.increment(BusinessCatalogue.PAYMENTS_FAILED, failed);
    }

    /**
     * The exact amount collected so far, in dollars (six decimals).
     *
     * @return the sum of the accepted amounts
     */
    public BigDecimal collectedUsd() {
        return BigDecimal.valueOf(collectedMicros.get(), 6);
    }
}
