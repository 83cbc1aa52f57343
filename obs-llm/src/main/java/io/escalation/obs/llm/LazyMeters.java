package io.escalation.obs.llm;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Meters indexed by an enum ordinal (or a pair of them), registered on first use so that series
 * appear only for the values a service uses. A registered slot costs one volatile read.
 */
final class LazyMeters<V> {

    private final AtomicReferenceArray<V> slots;
    private final IntFunction<V> factory;

    LazyMeters(int size, IntFunction<V> factory) {
        this.slots = new AtomicReferenceArray<>(size);
        this.factory = factory;
    }

    V get(int index) {
        V value = slots.get(index);
        return value != null ? value : create(index);
    }

    private synchronized V create(int index) {
        V value = slots.get(index);
        if (value == null) {
            value = factory.apply(index);
            slots.set(index, value);
        }
        return value;
    }
}
