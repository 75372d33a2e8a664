package io.incident.parsers.pcap;

import java.nio.charset.StandardCharsets;

/** Text forms of the 128-bit addresses the tracker keeps (IPv4 as v4-mapped IPv6). */
final class Addresses {
    private static final long V4_MAPPED = 0xFFFF_0000_0000L;

    private Addresses() {
    }

    static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED;
    }

    static String address(long hi, long lo) {
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    static String endpoint(long hi, long lo, int port) {
        return isV4(hi, lo) ? v4Endpoint(lo, port) : "[" + address(hi, lo) + "]:" + port;
    }

    /**
     * "a.b.c.d:port" written digit by digit into one Latin-1 array: a capture's model spells one client endpoint per
     * connection, and string concatenation of five numbers was a tenth of building it.
     */
    private static String v4Endpoint(long lo, int port) {
        byte[] out = new byte[21];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            n = digits(out, n, (int) (lo >>> shift) & 0xff);
            out[n++] = shift == 0 ? (byte) ':' : (byte) '.';
        }
        n = digits(out, n, port);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Writes a number of at most five digits (an address byte or a port). */
    private static int digits(byte[] out, int at, int v) {
        int n = at;
        if (v >= 10000) {
            out[n++] = (byte) ('0' + v / 10000);
        }
        if (v >= 1000) {
            out[n++] = (byte) ('0' + v / 1000 % 10);
        }
        if (v >= 100) {
            out[n++] = (byte) ('0' + v / 100 % 10);
        }
        if (v >= 10) {
            out[n++] = (byte) ('0' + v / 10 % 10);
        }
        out[n++] = (byte) ('0' + v % 10);
        return n;
    }
}
