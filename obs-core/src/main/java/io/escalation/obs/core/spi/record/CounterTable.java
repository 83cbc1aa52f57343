package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Counter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One counter per constant of an enum, registered on first use, that never throws: a null key is
 * counted as {@link FaultReason#NULL_VALUE}, a negative amount as {@link FaultReason#NEGATIVE_VALUE}
 * and a registry that refuses the meter as {@link FaultReason#RECORDING_FAILED}, all on the
 * table's metric. A recorded key costs one volatile read and the increment.
 *
 * <pre>{@code
 * CounterTable<Channel> contacted = CounterTable.of(faults, CUSTOMERS_CONTACTED, Channel.class,
 *         c -> CUSTOMERS_CONTACTED.counter().tag(CHANNEL.asString(), c.label()).register(registry));
 * contacted.increment(channel);
 * }</pre>
 *
 * @param <E> the enum whose constants key the counters
 */
public final class CounterTable<E extends Enum<E>> {

    private final Faults faults;
    private final ObsMeter metric;
    private final MeterTable<Counter> counters;

    private CounterTable(Faults faults, ObsMeter metric, MeterTable<Counter> counters) {
        this.faults = faults;
        this.metric = metric;
        this.counters = counters;
    }

    /**
     * A table whose counters appear in the scrape once first incremented.
     *
     * @param <E> the key type
     * @param faults where faults are counted
     * @param metric the metric the counters belong to, for fault counting
     * @param keys the enum of keys
     * @param register registers the counter of one key
     * @return the table
     */
    public static <E extends Enum<E>> CounterTable<E> of(
            Faults faults, ObsMeter metric, Class<E> keys, Function<? super E, Counter> register) {
        return new CounterTable<>(faults, metric, MeterTable.of(keys, register));
    }

    /**
     * A table whose counters are all registered now, so that every key shows a zero before it is
     * first counted. A counter the registry refuses now is counted as a fault and retried on use.
     *
     * @param <E> the key type
     * @param faults where faults are counted
     * @param metric the metric the counters belong to, for fault counting
     * @param keys the enum of keys
     * @param register registers the counter of one key
     * @return the table
     */
    public static <E extends Enum<E>> CounterTable<E> eager(
            Faults faults, ObsMeter metric, Class<E> keys, Function<? super E, Counter> register) {
        CounterTable<E> table = of(faults, metric, keys, register);
        for (E key : keys.getEnumConstants()) {
            table.counter(key);
        }
        return table;
    }

    /**
     * Adds one to {@code key}'s counter. Never throws.
     *
     * @param key the key; null is counted as a fault
     */
    public void increment(@Nullable E key) {
        Counter counter = counter(key);
        if (counter != null) {
            faults.increment(metric, counter);
        }
    }

    /**
     * Adds {@code amount} to {@code key}'s counter; a negative amount is dropped. Never throws.
     *
     * @param key the key; null is counted as a fault
     * @param amount the amount to add
     */
    public void increment(@Nullable E key, long amount) {
        Counter counter = counter(key);
        if (counter != null) {
            faults.increment(metric, counter, amount);
        }
    }

    /**
     * {@code key}'s counter, registered if need be; null (with the fault counted) when the key is
     * null or the registry refused the meter.
     *
     * @param key the key
     * @return the counter, or null
     */
    public @Nullable Counter counter(@Nullable E key) {
        if (key == null) {
            faults.record(metric, FaultReason.NULL_VALUE);
            return null;
        }
        return counters.get(key.ordinal(), faults, metric);
    }
}
