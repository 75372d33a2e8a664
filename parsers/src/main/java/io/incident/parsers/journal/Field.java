package io.incident.parsers.journal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The journal fields the model keeps; all others are skipped without being decoded. */
enum Field {
    CURSOR("__CURSOR"),
    REALTIME("__REALTIME_TIMESTAMP"),
    MONOTONIC("__MONOTONIC_TIMESTAMP"),
    SEQNUM("__SEQNUM"),
    SEQNUM_ID("__SEQNUM_ID"),
    BOOT_ID("_BOOT_ID"),
    MESSAGE("MESSAGE"),
    PRIORITY("PRIORITY"),
    PID("_PID"),
    COMM("_COMM"),
    SYSTEMD_UNIT("_SYSTEMD_UNIT"),
    SYSLOG_IDENTIFIER("SYSLOG_IDENTIFIER"),
    UNIT("UNIT"),
    USER_UNIT("USER_UNIT");

    private static final Field[] VALUES = values();
    private static final Map<String, Field> BY_NAME = new HashMap<>();
    /** Open-addressed table from the hash of a name's bytes to the field, for the byte-level export parser. */
    private static final Field[] BY_HASH = new Field[64];

    static {
        for (Field f : VALUES) {
            BY_NAME.put(f.journalName, f);
            int slot = slot(hash(f.bytes, 0, f.bytes.length));
            while (BY_HASH[slot] != null) {
                slot = (slot + 1) & (BY_HASH.length - 1);
            }
            BY_HASH[slot] = f;
        }
    }

    final String journalName;
    private final byte[] bytes;

    Field(String journalName) {
        this.journalName = journalName;
        this.bytes = journalName.getBytes(StandardCharsets.US_ASCII);
    }

    static Field of(String name) {
        return BY_NAME.get(name);
    }

    /** The same hash the export parser computes while it scans a name: {@code h = 31 * h + b} from 0. */
    static int hash(byte[] a, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + a[i];
        }
        return h;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 7)) & (BY_HASH.length - 1);
    }

    /** The field named by {@code a[off, off + len)} whose {@link #hash} is {@code h}, or null. */
    static Field of(byte[] a, int off, int len, int h) {
        int slot = slot(h);
        Field f;
        while ((f = BY_HASH[slot]) != null) {
            if (f.bytes.length == len && java.util.Arrays.equals(f.bytes, 0, len, a, off, off + len)) {
                return f;
            }
            slot = (slot + 1) & (BY_HASH.length - 1);
        }
        return null;
    }
}
