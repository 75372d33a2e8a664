package io.incident.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned strings of one source, referred to by int id. Id 0 is always the empty string, so a zeroed column means
 * "no label". Writable while a reader builds the source; {@link #freeze()} returns the immutable view.
 */
public final class StringTable {
    private final Map<String, Integer> ids;
    private String[] values;
    private int size;
    private boolean frozen;

    public StringTable() {
        ids = new HashMap<>();
        values = new String[256];
        intern("");
    }

    private StringTable(String[] values) {
        this.ids = null;
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
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size] = s;
        ids.put(s, size);
        return size++;
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
