package io.incident.parsers.strace;

import java.util.Arrays;

/**
 * The assembling thread's map from the reading thread's local text ids ({@link LocalTexts}) to string table ids,
 * filled the first time each local id is met, so a repeated text costs an array read.
 */
final class TextIds {
    /** String table id + 1; 0 while unknown. */
    private int[] ids = new int[1024];

    /** The string table id of local text {@code local}, or -1 when it has not been met yet. */
    int get(int local) {
        return local < ids.length ? ids[local] - 1 : -1;
    }

    void put(int local, int id) {
        if (local >= ids.length) {
            ids = Arrays.copyOf(ids, Math.max(local + 1, ids.length * 2));
        }
        ids[local] = id + 1;
    }
}
