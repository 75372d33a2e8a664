package io.incident.parsers.journal;

/**
 * The fields of one journal entry that the model uses; every other field is skipped by the parsers. Reused from entry
 * to entry (the parsers call {@link #clear()}), so nothing here may be kept after {@link EntrySink#accept} returns.
 */
final class JournalEntry {
    static final long ABSENT = Long.MIN_VALUE;

    long realtimeMicros = ABSENT;
    long monotonicMicros = ABSENT;
    long seqnum = ABSENT;
    String seqnumId;
    String bootId;
    String message;
    /** MESSAGE was present but its value was left out (JSON null: a field too large for journalctl without --all). */
    boolean messageOmitted;
    int priority = -1;
    long pid = ABSENT;
    String comm;
    String systemdUnit;
    String syslogIdentifier;
    /** UNIT / USER_UNIT, which systemd adds to its own messages about a unit. */
    String aboutUnit;
    /** Where the entry began, a byte offset or (JSON) a line; set by the parser, turned into text only when needed. */
    long place;
    boolean placeIsLine;

    void clear() {
        realtimeMicros = ABSENT;
        monotonicMicros = ABSENT;
        seqnum = ABSENT;
        seqnumId = null;
        bootId = null;
        message = null;
        messageOmitted = false;
        priority = -1;
        pid = ABSENT;
        comm = null;
        systemdUnit = null;
        syslogIdentifier = null;
        aboutUnit = null;
    }

    /** "byte N" or "line N", for diagnostics. */
    String where() {
        return (placeIsLine ? "line " : "byte ") + place;
    }

    /** The lane a log line goes to: the systemd unit, else the syslog identifier, else the command name. */
    String laneKey() {
        if (systemdUnit != null) {
            return systemdUnit;
        }
        if (syslogIdentifier != null) {
            return syslogIdentifier;
        }
        return comm != null ? comm : "(unknown)";
    }

    /**
     * Takes the seqnum id and seqnum from a cursor ({@code s=<id>;i=<hex seqnum>;b=...}) held in {@code a[off, off+len)};
     * __SEQNUM and __SEQNUM_ID win when the entry has them (systemd 254 and later write both).
     */
    void seqnumFromCursor(byte[] a, int off, int len, ByteStrings cache) {
        int end = off + len;
        int i = off;
        String id = null;
        long seq = ABSENT;
        while (i < end) {
            int j = i;
            while (j < end && a[j] != ';') {
                j++;
            }
            if (j - i > 2 && a[i + 1] == '=') {
                if (a[i] == 's') {
                    id = cache.get(a, i + 2, j - i - 2);
                } else if (a[i] == 'i') {
                    seq = hex(a, i + 2, j);
                }
            }
            i = j + 1;
        }
        if (seq != ABSENT) {
            if (seqnum == ABSENT) {
                seqnum = seq;
            }
            if (seqnumId == null) {
                seqnumId = id;
            }
        }
    }

    private static long hex(byte[] a, int from, int to) {
        if (to - from > 16) {
            return ABSENT;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(a[i], 16);
            if (d < 0) {
                return ABSENT;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
