package io.incident.parsers.journal;

import io.incident.model.StringTable;

/**
 * Small direct-mapped caches in front of the source's {@link StringTable}, for the values that repeat on almost every
 * entry: the same String instance (the export parser hands out one instance per distinct unit, command or boot id) or
 * the same number (PIDs). A hit costs an identity compare instead of a hash lookup; a collision simply replaces.
 */
final class StringIds {
    private static final int SLOTS = 1024;

    private final StringTable table;
    private final String[] strings = new String[SLOTS];
    private final int[] stringIds = new int[SLOTS];
    private final long[] numbers = new long[SLOTS];
    private final int[] numberIds = new int[SLOTS];

    StringIds(StringTable table) {
        this.table = table;
        java.util.Arrays.fill(numbers, Long.MIN_VALUE);
    }

    int of(String s) {
        int slot = System.identityHashCode(s) & (SLOTS - 1);
        if (strings[slot] == s) {
            return stringIds[slot];
        }
        int id = table.intern(s);
        strings[slot] = s;
        stringIds[slot] = id;
        return id;
    }

    /** The id of the decimal text of {@code n}. */
    int ofNumber(long n) {
        int slot = (int) (n ^ (n >>> 17)) & (SLOTS - 1);
        if (numbers[slot] == n) {
            return numberIds[slot];
        }
        int id = table.intern(Long.toString(n));
        numbers[slot] = n;
        numberIds[slot] = id;
        return id;
    }
}
