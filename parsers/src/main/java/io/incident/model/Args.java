package io.incident.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned attribute sets (key/value pairs) of one source's events, referred to by int id as Perfetto's arg sets are.
 * Id 0 is the empty set. Keys and values are ids into the source's {@link StringTable}.
 */
public final class Args {
    private static final int[] EMPTY = new int[0];

    private final List<int[]> sets;
    private final Map<Key, Integer> ids;

    private record Key(int[] pairs) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(pairs, k.pairs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pairs);
        }
    }

    public Args() {
        sets = new ArrayList<>();
        ids = new HashMap<>();
        sets.add(EMPTY);
        ids.put(new Key(EMPTY), 0);
    }

    private Args(List<int[]> frozen) {
        sets = frozen;
        ids = null;
    }

    /** Rebuilds a frozen table from stored pairs; entry 0 must be empty. */
    public static Args ofFrozen(List<int[]> pairs) {
        if (pairs.isEmpty() || pairs.get(0).length != 0) {
            throw new IllegalArgumentException("arg table must start with the empty set");
        }
        return new Args(List.copyOf(pairs));
    }

    /** Interns alternating key and value string ids. */
    public int intern(int... keyValuePairs) {
        if (ids == null) {
            throw new IllegalStateException("arg table is frozen");
        }
        if ((keyValuePairs.length & 1) != 0) {
            throw new IllegalArgumentException("arg pairs need an even count");
        }
        Key k = new Key(keyValuePairs.clone());
        Integer id = ids.get(k);
        if (id != null) {
            return id;
        }
        sets.add(k.pairs);
        ids.put(k, sets.size() - 1);
        return sets.size() - 1;
    }

    /**
     * Adds a set without looking for an equal one, for sets that are almost always unique (one per syscall, carrying
     * its own argument text), where the lookup in a table of millions would only cost time. An equal set added twice
     * simply has two ids. The array is kept as given, not copied: pass a fresh one.
     */
    public int add(int... keyValuePairs) {
        if (ids == null) {
            throw new IllegalStateException("arg table is frozen");
        }
        if ((keyValuePairs.length & 1) != 0) {
            throw new IllegalArgumentException("arg pairs need an even count");
        }
        sets.add(keyValuePairs);
        return sets.size() - 1;
    }

    /** Interns string pairs through the given string table. */
    public int intern(StringTable strings, String... keyValues) {
        int[] p = new int[keyValues.length];
        for (int i = 0; i < keyValues.length; i++) {
            p[i] = strings.intern(keyValues[i]);
        }
        return intern(p);
    }

    public int size() {
        return sets.size();
    }

    /** Raw pairs of one set: key id, value id, key id, value id... */
    public int[] pairs(int id) {
        return sets.get(id).clone();
    }

    /** The pairs of one set, not copied: for the model's own checks, which must not copy millions of sets. */
    int[] sharedPairs(int id) {
        return sets.get(id);
    }

    public Map<String, String> resolve(int id, StringTable strings) {
        int[] p = sets.get(id);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < p.length; i += 2) {
            out.put(strings.get(p[i]), strings.get(p[i + 1]));
        }
        return out;
    }

    public Args freeze() {
        return ids == null ? this : new Args(List.copyOf(sets));
    }
}
