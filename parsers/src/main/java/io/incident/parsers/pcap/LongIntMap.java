package io.incident.parsers.pcap;

/** Open-addressing map from a long to a non-negative int id, without boxing; {@link #get} gives -1 when absent. */
final class LongIntMap {
    private long[] keys = new long[1024];
    private int[] ids = new int[1024];
    private boolean[] used = new boolean[1024];
    private int count;

    int get(long k) {
        int mask = keys.length - 1;
        for (int i = slot(k, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return ids[i];
            }
        }
        return -1;
    }

    /** Maps {@code k} to {@code id}; the key must not be in the map yet. */
    void put(long k, int id) {
        if ((count + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(k, mask);
        while (used[i]) {
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = k;
        ids[i] = id;
        count++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        ids = new int[keys.length];
        used = new boolean[keys.length];
        count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldIds[i]);
            }
        }
    }

    private static int slot(long k, int mask) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
