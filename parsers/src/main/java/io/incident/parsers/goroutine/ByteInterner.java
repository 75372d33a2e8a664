package io.incident.parsers.goroutine;

import java.util.Arrays;

/**
 * Maps byte ranges of a line to small ints without making a String per line: a dump repeats the same few hundred
 * function names and file lines hundreds of thousands of times, so only a miss decodes text.
 */
final class ByteInterner {
    private byte[] pool = new byte[1 << 14];
    private int poolSize;
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int count;
    private int[] table = new int[1024];

    /** The index of these bytes, or -1 when they have not been added. */
    int find(LineSource line, int from, int to) {
        int h = hash(line, from, to);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int e = table[i] - 1;
            if (e < 0) {
                return -1;
            }
            if (hashes[e] == h && equal(e, line, from, to)) {
                return e;
            }
        }
    }

    /** Adds bytes not yet present (see {@link #find}) and returns their index, counting from 0. */
    int add(LineSource line, int from, int to) {
        int n = to - from;
        if (poolSize + n > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + n));
        }
        for (int i = 0; i < n; i++) {
            pool[poolSize + i] = line.at(from + i);
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        offsets[count] = poolSize;
        lengths[count] = n;
        hashes[count] = hash(line, from, to);
        poolSize += n;
        if (2 * (count + 1) > table.length) {
            table = new int[table.length * 2];
            for (int e = 0; e < count; e++) {
                insert(e);
            }
        }
        insert(count);
        return count++;
    }

    private void insert(int e) {
        int mask = table.length - 1;
        int i = hashes[e] & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = e + 1;
    }

    private boolean equal(int e, LineSource line, int from, int to) {
        if (lengths[e] != to - from) {
            return false;
        }
        int o = offsets[e];
        for (int i = from; i < to; i++) {
            if (pool[o++] != line.at(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(LineSource line, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + line.at(i);
        }
        return h ^ (h >>> 16);
    }
}
