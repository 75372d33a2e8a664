package io.incident.model;

import java.util.Arrays;

/**
 * Interned strings of one source, referred to by int id. Id 0 is always the empty string, so a zeroed column means
 * "no label". Writable while a reader builds the source; {@link #freeze()} returns the immutable view.
 */
public final class StringTable {
    /**
     * Open-addressing index while writable: a slot holds the string's hash code in its high half and id + 1 in its low
     * half (0 is empty), probed linearly. Readers intern a string per event (syscall argument text, log messages), so
     * a probe must settle in one memory access: only a slot whose hash matches makes us look at the string. A HashMap
     * costs a lookup, then an insert with a node and a boxed id.
     */
    private long[] slots;
    private String[] values;
    private int size;
    private boolean frozen;

    public StringTable() {
        slots = new long[512];
        values = new String[256];
        intern("");
    }

    private StringTable(String[] values) {
        this.slots = null;
        this.values = values;
        this.size = values.length;
        this.frozen = true;
    }

    /** Rebuilds a frozen table from stored values; values[0] must be the empty string. */
    public static StringTable ofFrozen(String[] values) {
        if (values.length == 0 || !values[0].isEmpty()) {
            throw new IllegalArgumentException("string table must start with the empty string");
        }
        return new StringTable(values.clone());
    }

    public int intern(String s) {
        if (frozen) {
            throw new IllegalStateException("string table is frozen");
        }
        if (s == null) {
            return 0;
        }
        int h = s.hashCode();
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        for (long v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (v >>> 32) == h && values[(int) v - 1].equals(s)) {
                return (int) v - 1;
            }
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        int id = size++;
        values[id] = s;
        slots[i] = ((long) h << 32) | (id + 1);
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private void rehash(int capacity) {
        long[] fresh = new long[capacity];
        int mask = capacity - 1;
        for (long v : slots) {
            if (v != 0) {
                int i = spread((int) (v >>> 32)) & mask;
                while (fresh[i] != 0) {
                    i = (i + 1) & mask;
                }
                fresh[i] = v;
            }
        }
        slots = fresh;
    }

    /** Mixes the high bits in, so that hash codes differing only there do not share a probe run. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public String get(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("string id " + id + " outside 0.." + (size - 1));
        }
        return values[id];
    }

    public int size() {
        return size;
    }

    public StringTable freeze() {
        return frozen ? this : new StringTable(Arrays.copyOf(values, size));
    }

    public boolean isFrozen() {
        return frozen;
    }
}
