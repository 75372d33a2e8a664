package io.incident.parsers.util;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative int values, without boxing: the readers' and the flame graph's
 * hot loops look ids and call-site keys up once per frame, millions of times on a big input.
 */
public final class LongIntMap {
    public static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int size;

    public LongIntMap() {
        this(512);
    }

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, MISSING);
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
                return MISSING;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** Stores the value unless the key is present; returns the previous value or {@link #MISSING}. */
    public int putIfAbsent(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be non-negative: " + value);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
                keys[i] = key;
                values[i] = value;
                size++;
                return MISSING;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    public boolean containsKey(long key) {
        return get(key) != MISSING;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        Arrays.fill(values, MISSING);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
