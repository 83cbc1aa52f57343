package io.escalation.obs.core.spi.label;

import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing table from caller label values to what the facade records for
 * them, at most half full. Lookups take no lock and compare by reference before {@code equals},
 * so the usual case (a constant or interned string) costs one probe. Writers build a copy under
 * the guard's lock and publish it; {@link GuardedLabel} bounds the table's size, so copies stay
 * cheap.
 */
final class KnownValues<V> {

    private static final KnownValues<?> EMPTY = new KnownValues<>(new String[16], new Object[16], 0);

    private final @Nullable String[] keys;
    private final @Nullable Object[] values;
    private final int mask;
    private final int size;

    private KnownValues(@Nullable String[] keys, @Nullable Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
    }

    @SuppressWarnings("unchecked") // EMPTY holds no values, so it is a KnownValues of any V
    static <V> KnownValues<V> empty() {
        return (KnownValues<V>) EMPTY;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked") // values[i] was stored by with(key, V)
    @Nullable
    V get(String key) {
        int i = spread(key.hashCode()) & mask;
        while (true) {
            String candidate = keys[i];
            if (candidate == key) {
                return (V) values[i];
            }
            if (candidate == null) {
                return null;
            }
            if (candidate.equals(key)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** A copy with {@code key} mapped to {@code value}. */
    KnownValues<V> with(String key, V value) {
        int capacity = keys.length;
        while ((size + 1) * 2 > capacity) {
            capacity *= 2;
        }
        String[] newKeys = new String[capacity];
        Object[] newValues = new Object[capacity];
        int newMask = capacity - 1;
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            if (k != null) {
                put(newKeys, newValues, newMask, k, values[i]);
            }
        }
        boolean added = put(newKeys, newValues, newMask, key, value);
        return new KnownValues<>(newKeys, newValues, added ? size + 1 : size);
    }

    private static boolean put(String[] keys, Object[] values, int mask, String key, @Nullable Object value) {
        int i = spread(key.hashCode()) & mask;
        while (keys[i] != null) {
            if (keys[i].equals(key)) {
                values[i] = value;
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
