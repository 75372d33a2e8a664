package io.incident.model;

import java.nio.charset.StandardCharsets;
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
        return insert(i, h, s);
    }

    /**
     * Interns the UTF-8 text {@code b[off, off + len)}, making a String only when the text is new: readers intern a
     * text per event (a syscall's arguments) and most of them repeat. ASCII text is hashed and compared as it lies in
     * the buffer (its String hash code is the same sum over the bytes); other text is decoded first.
     */
    public int intern(byte[] b, int off, int len) {
        if (frozen) {
            throw new IllegalStateException("string table is frozen");
        }
        int h = 0;
        int signs = 0;
        int k = off;
        int end = off + len;
        // Four bytes a step (31^4 h + 31^3 b0 + ...: the same sum), with one test for non-ASCII at the end.
        for (; k + 3 < end; k += 4) {
            signs |= b[k] | b[k + 1] | b[k + 2] | b[k + 3];
            h = 923521 * h + 29791 * b[k] + 961 * b[k + 1] + 31 * b[k + 2] + b[k + 3];
        }
        for (; k < end; k++) {
            signs |= b[k];
            h = 31 * h + b[k];
        }
        if (signs < 0) {
            return intern(new String(b, off, len, StandardCharsets.UTF_8));
        }
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        for (long v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (v >>> 32) == h && sameAscii(values[(int) v - 1], b, off, len)) {
                return (int) v - 1;
            }
        }
        return insert(i, h, new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    private static boolean sameAscii(String s, byte[] b, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (s.charAt(k) != b[off + k]) {
                return false;
            }
        }
        return true;
    }

    /** Adds {@code s} (hash code {@code h}) at the empty slot {@code i} its probe ended on. */
    private int insert(int i, int h, String s) {
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
