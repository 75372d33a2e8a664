package io.incident.parsers.strace;

import io.incident.model.Source;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte ranges straight to string-table ids, so a value seen before (a syscall name, an errno, a return value)
 * costs a hash and a compare instead of a String. Bounded: past {@code maxEntries} new values go to the builder
 * uncached, so unique values (addresses, long return texts) cannot grow the cache without end.
 */
final class ByteInterner {
    private final Source.Builder builder;
    private final int maxEntries;
    private byte[][] keys = new byte[1024][];
    private int[] ids = new int[1024];
    private int size;

    ByteInterner(Source.Builder builder, int maxEntries) {
        this.builder = builder;
        this.maxEntries = maxEntries;
    }

    int intern(byte[] b, int start, int end) {
        int h = hash(b, start, end);
        int mask = keys.length - 1;
        int slot = h & mask;
        while (keys[slot] != null) {
            if (Arrays.equals(keys[slot], 0, keys[slot].length, b, start, end)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        int id = builder.intern(new String(b, start, end - start, StandardCharsets.UTF_8));
        if (size >= maxEntries) {
            return id;
        }
        keys[slot] = Arrays.copyOfRange(b, start, end);
        ids[slot] = id;
        if (++size * 2 > keys.length) {
            grow();
        }
        return id;
    }

    int intern(String s) {
        return builder.intern(s);
    }

    String string(int id) {
        return builder.strings().get(id);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldIds = ids;
        keys = new byte[oldKeys.length * 2][];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    private static int hash(byte[] b, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
