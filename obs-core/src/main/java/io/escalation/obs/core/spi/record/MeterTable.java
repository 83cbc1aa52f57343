package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Meters (or holders of meters) indexed by an enum ordinal or a computed slot, registered on first
 * use so that series appear only for the values a service uses. A registered slot costs one
 * volatile read; registration runs once per slot, under a lock.
 *
 * <pre>{@code
 * MeterTable<Counter> byReason = MeterTable.of(Reason.class,
 *         r -> RETRIES.counter().tag(REASON.asString(), r.label()).register(registry));
 * byReason.get(reason).increment();   // inside a guarded call: registration may throw
 * }</pre>
 *
 * @param <M> what a slot holds
 */
public final class MeterTable<M> {

    private final AtomicReferenceArray<M> slots;
    private final IntFunction<? extends M> register;

    private MeterTable(int size, IntFunction<? extends M> register) {
        this.slots = new AtomicReferenceArray<>(size);
        this.register = Objects.requireNonNull(register, "register");
    }

    /**
     * A table of {@code size} slots.
     *
     * @param <M> what a slot holds
     * @param size the number of slots
     * @param register makes the content of a slot on its first use; must not return null
     * @return the table
     */
    public static <M> MeterTable<M> of(int size, IntFunction<? extends M> register) {
        return new MeterTable<>(size, register);
    }

    /**
     * A table with one slot per constant of {@code keys}.
     *
     * @param <E> the enum type
     * @param <M> what a slot holds
     * @param keys the enum whose ordinals index the table
     * @param register makes the content of a key's slot on its first use; must not return null
     * @return the table
     */
    public static <E extends Enum<E>, M> MeterTable<M> of(Class<E> keys, Function<? super E, ? extends M> register) {
        E[] constants = keys.getEnumConstants();
        return new MeterTable<>(constants.length, i -> register.apply(constants[i]));
    }

    /**
     * The content of {@code key}'s slot, registered on first use.
     *
     * @param key the key; its ordinal is the slot
     * @return the slot's content
     */
    public M get(Enum<?> key) {
        return get(key.ordinal());
    }

    /**
     * The content of slot {@code index}, registered on first use.
     *
     * @param index the slot
     * @return the slot's content
     * @throws IndexOutOfBoundsException when there is no such slot
     * @throws RuntimeException whatever registration threw; the slot stays empty and is retried
     */
    public M get(int index) {
        M value = slots.get(index);
        return value != null ? value : create(index);
    }

    /**
     * The content of slot {@code index}, or null when registering it threw: the failure is counted on
     * {@code metric} as {@link FaultReason#RECORDING_FAILED} and the slot is retried on the next call.
     * Never throws for an index in range.
     *
     * @param index the slot
     * @param faults where a registration failure is counted
     * @param metric the metric the slot records
     * @return the slot's content, or null
     */
    public @Nullable M get(int index, Faults faults, ObsMeter metric) {
        M value = slots.get(index);
        if (value != null) {
            return value;
        }
        try {
            return create(index);
        } catch (RuntimeException e) {
            faults.record(metric, FaultReason.RECORDING_FAILED);
            return null;
        }
    }

    /**
     * The number of slots.
     *
     * @return the size
     */
    public int size() {
        return slots.length();
    }

    private synchronized M create(int index) {
        M value = slots.get(index);
        if (value == null) {
            value = Objects.requireNonNull(register.apply(index), "a meter table's factory returned null");
            slots.set(index, value);
        }
        return value;
    }
}
