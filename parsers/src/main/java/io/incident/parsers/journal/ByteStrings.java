package io.incident.parsers.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from bytes to their decoded string, for values that repeat from entry to entry (boot id,
 * unit, command): the export parser then neither allocates nor decodes them again. A collision simply replaces.
 */
final class ByteStrings {
    private static final int SLOTS = 4096;
    private static final int MAX_LEN = 256;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String get(byte[] a, int off, int len) {
        if (len > MAX_LEN) {
            return new String(a, off, len, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + a[i];
        }
        int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, a, off, off + len)) {
            return values[slot];
        }
        String s = new String(a, off, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(a, off, off + len);
        values[slot] = s;
        return s;
    }
}
