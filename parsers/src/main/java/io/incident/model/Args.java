package io.incident.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned attribute sets (key/value pairs) of one source's events, referred to by int id as Perfetto's arg sets are.
 * Id 0 is the empty set. Keys and values are ids into the source's {@link StringTable}.
 *
 * <p>All sets live end to end in one int column, with a second column of where each starts: a reader adds a set per
 * event (a syscall and its own argument text), and an array per set would be a million small objects for the
 * collector to copy while the reader is still filling them. The column is kept in blocks of {@value #BLOCK} ints, so
 * that growing it or freezing it never copies what is already there.
 */
public final class Args {
    /**
     * Just under 4 MB with the array header, so that G1 (whose regions are 4 MB or less on heaps up to 16 GB) holds a
     * full block as a humongous object of whole regions, which young collections never copy.
     */
    static final int BLOCK = (1 << 20) - 8;

    /** Position p of the column is {@code blocks[p / BLOCK][p % BLOCK]}; the last block may be shorter. */
    private int[][] blocks;
    /** Set i is at positions {@code [starts[i], starts[i + 1])} of the column. */
    private int[] starts;
    private int size;
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
        blocks = new int[][] {new int[64]};
        starts = new int[16];
        size = 1;
        ids = new HashMap<>();
        ids.put(new Key(new int[0]), 0);
    }

    private Args(int[][] blocks, int[] starts, int size) {
        this.blocks = blocks;
        this.starts = starts;
        this.size = size;
        this.ids = null;
    }

    /** Rebuilds a frozen table from stored pairs; entry 0 must be empty. */
    public static Args ofFrozen(List<int[]> pairs) {
        if (pairs.isEmpty() || pairs.get(0).length != 0) {
            throw new IllegalArgumentException("arg table must start with the empty set");
        }
        Args a = new Args();
        for (int i = 1; i < pairs.size(); i++) {
            a.append(pairs.get(i), pairs.get(i).length);
        }
        return a.freeze();
    }

    /** Interns alternating key and value string ids. */
    public int intern(int... keyValuePairs) {
        writable(keyValuePairs.length);
        Key k = new Key(keyValuePairs.clone());
        Integer id = ids.get(k);
        if (id != null) {
            return id;
        }
        int added = append(k.pairs, k.pairs.length);
        ids.put(k, added);
        return added;
    }

    /** Interns string pairs through the given string table. */
    public int intern(StringTable strings, String... keyValues) {
        int[] p = new int[keyValues.length];
        for (int i = 0; i < keyValues.length; i++) {
            p[i] = strings.intern(keyValues[i]);
        }
        return intern(p);
    }

    /**
     * Adds a set without looking for an equal one, for sets that are almost always unique (one per syscall, carrying
     * its own argument text), where the lookup in a table of millions would only cost time. An equal set added twice
     * simply has two ids. The pairs are copied.
     */
    public int add(int... keyValuePairs) {
        return add(keyValuePairs, keyValuePairs.length);
    }

    /** {@link #add(int...)} of the first {@code count} entries of {@code keyValuePairs}, so a caller can reuse one array. */
    public int add(int[] keyValuePairs, int count) {
        writable(count);
        return append(keyValuePairs, count);
    }

    private void writable(int count) {
        if (ids == null) {
            throw new IllegalStateException("arg table is frozen");
        }
        if ((count & 1) != 0) {
            throw new IllegalArgumentException("arg pairs need an even count");
        }
    }

    private int append(int[] p, int count) {
        int at = starts[size];
        for (int done = 0; done < count; ) {
            int q = at + done;
            int n = Math.min(count - done, BLOCK - q % BLOCK);
            System.arraycopy(p, done, block(q, n), q % BLOCK, n);
            done += n;
        }
        if (size + 2 > starts.length) {
            starts = Arrays.copyOf(starts, Columns.grow(starts.length));
        }
        starts[size + 1] = at + count;
        return size++;
    }

    /** The block holding positions {@code [q, q + n)}, added or grown to hold them. */
    private int[] block(int q, int n) {
        int b = q / BLOCK;
        if (b == blocks.length) {
            blocks = Arrays.copyOf(blocks, b + 1);
            blocks[b] = new int[BLOCK];
        }
        int[] block = blocks[b];
        int need = q % BLOCK + n;
        if (need > block.length) {
            // Only the first block starts small (most sources have few sets); the later ones are born full size.
            block = Arrays.copyOf(block, Math.min(BLOCK, Math.max(need, block.length * 2)));
            blocks[b] = block;
        }
        return block;
    }

    private int at(int q) {
        return blocks[q / BLOCK][q % BLOCK];
    }

    public int size() {
        return size;
    }

    /** Raw pairs of one set: key id, value id, key id, value id... */
    public int[] pairs(int id) {
        check(id);
        int[] out = new int[starts[id + 1] - starts[id]];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(starts[id] + i);
        }
        return out;
    }

    public Map<String, String> resolve(int id, StringTable strings) {
        check(id);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = starts[id]; i + 1 < starts[id + 1]; i += 2) {
            out.put(strings.get(at(i)), strings.get(at(i + 1)));
        }
        return out;
    }

    /** The first set that refers to a string id outside {@code [0, stringCount)}, or -1: for validation, copy-free. */
    int firstSetBeyond(int stringCount) {
        for (int id = 0; id < size; id++) {
            for (int i = starts[id]; i < starts[id + 1]; i++) {
                if (at(i) < 0 || at(i) >= stringCount) {
                    return id;
                }
            }
        }
        return -1;
    }

    private void check(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("arg set " + id + " outside 0.." + (size - 1));
        }
    }

    public Args freeze() {
        if (ids == null) {
            return this;
        }
        // Blocks are only ever appended to past the frozen end, so the frozen table can share them.
        int used = starts[size];
        int[][] shared = Arrays.copyOf(blocks, (used + BLOCK - 1) / BLOCK);
        return new Args(shared, Arrays.copyOf(starts, size + 1), size);
    }
}
