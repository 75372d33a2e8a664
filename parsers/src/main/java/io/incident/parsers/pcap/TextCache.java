package io.incident.parsers.pcap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One instance of each distinct label text, looked up from the payload bytes before any string is made: a service's
 * 240k connections carry a handful of request lines and statuses, not 240k copies. The table is bounded: when a
 * hostile or unusual capture makes every text different, it stops growing and texts are simply made as they come.
 */
final class TextCache {
    static final int MAX_TEXTS = 16_384;

    private String[] table = new String[256];
    private int count;

    /** The text of {@code n} payload bytes, non-printable ones shown as '?' (as {@code n} is cut by the caller). */
    String text(ByteBuffer b, int off, int n) {
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + printable(b.get(off + i));
        }
        int mask = table.length - 1;
        int slot = spread(h) & mask;
        for (String s; (s = table[slot]) != null; slot = (slot + 1) & mask) {
            if (s.hashCode() == h && same(s, b, off, n)) {
                return s;
            }
        }
        String made = make(b, off, n);
        if (count < MAX_TEXTS) {
            table[slot] = made;
            if (++count * 2 > table.length) {
                grow();
            }
        }
        return made;
    }

    private static boolean same(String s, ByteBuffer b, int off, int n) {
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != printable(b.get(off + i))) {
                return false;
            }
        }
        return true;
    }

    private static String make(ByteBuffer b, int off, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) printable(b.get(off + i));
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static int printable(byte v) {
        int ch = v & 0xff;
        return ch >= 0x20 && ch < 0x7f ? ch : '?';
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                int slot = spread(s.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
