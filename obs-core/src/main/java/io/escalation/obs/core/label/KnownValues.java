package io.escalation.obs.core.label;

import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing table from caller label values to what the facade records for
 * them. Keys and values sit side by side in one array kept at most a quarter full, so a lookup is
 * usually one probe touching one cache line; it takes no lock and compares by reference before
 * {@code equals}. Writers build a copy under the guard's lock and publish it, which is cheap
 * because writes are bounded by the label cap.
 */
final class KnownValues<V> {

    private static final KnownValues<?> EMPTY = new KnownValues<>(new Object[2 * 16], 0);

    /** {@code [key0, value0, key1, value1, ...]}; a null key marks a free slot. */
    private final @Nullable Object[] slots;
    private final int mask;
    private final int size;

    private KnownValues(@Nullable Object[] slots, int size) {
        this.slots = slots;
        this.mask = slots.length / 2 - 1;
        this.size = size;
    }

    @SuppressWarnings("unchecked") // EMPTY holds no values, so it is a KnownValues of any V
    static <V> KnownValues<V> empty() {
        return (KnownValues<V>) EMPTY;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked") // the slot after a key holds the V stored by with(key, V)
    @Nullable V get(String key) {
        Object[] table = slots;
        int i = spread(key.hashCode()) & mask;
        while (true) {
            Object candidate = table[2 * i];
            if (candidate == key) {
                return (V) table[2 * i + 1];
            }
            if (candidate == null) {
                return null;
            }
            if (candidate.equals(key)) {
                return (V) table[2 * i + 1];
            }
            i = (i + 1) & mask;
        }
    }

    /** A copy with {@code key} mapped to {@code value}; the table stays at most a quarter full. */
    KnownValues<V> with(String key, V value) {
        int capacity = slots.length / 2;
        while ((size + 1) * 4 > capacity) {
            capacity *= 2;
        }
        Object[] copy = new Object[2 * capacity];
        for (int i = 0; i < slots.length; i += 2) {
            Object k = slots[i];
            if (k != null) {
                put(copy, capacity - 1, (String) k, slots[i + 1]);
            }
        }
        boolean added = put(copy, capacity - 1, key, value);
        return new KnownValues<>(copy, added ? size + 1 : size);
    }

    private static boolean put(Object[] table, int mask, String key, @Nullable Object value) {
        int i = spread(key.hashCode()) & mask;
        while (table[2 * i] != null) {
            if (table[2 * i].equals(key)) {
                table[2 * i + 1] = value;
                return false;
            }
            i = (i + 1) & mask;
        }
        table[2 * i] = key;
        table[2 * i + 1] = value;
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
