package io.incident.parsers.journal;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level parser of the Journal Export Format (systemd.io/JOURNAL_EXPORT_FORMAT): text fields {@code NAME=value\n},
 * binary fields {@code NAME\n} + little-endian 64-bit length + raw bytes + {@code \n}, entries ended by an empty line.
 * One large buffer, no regex and no per-line objects: names are matched by hash against {@link Field}, other fields are
 * skipped undecoded. A binary length is checked against {@link Limits#maxRecordBytes()} and the bytes the file has left
 * before anything is read, and its bytes are only copied as they arrive, never allocated up front.
 */
final class ExportParser {
    private static final int CHUNK = 1 << 20;
    private static final int CANCEL_EVERY = 4096;
    private static final boolean[] NAME_BYTE = new boolean[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int c = 'A'; c <= 'Z'; c++) {
            NAME_BYTE[c] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            NAME_BYTE[c] = true;
        }
        NAME_BYTE['_'] = true;
    }

    private final InputStream in;
    private final long total;
    private final ParserSetup setup;
    private final JournalEntry entry = new JournalEntry();
    private final ByteStrings cache = new ByteStrings();
    private final int maxLine;

    private byte[] buf = new byte[CHUNK];
    private int pos;
    private int lim;
    /** File offset of buf[0]. */
    private long base;
    private boolean eof;
    private long nextProgress = CHUNK;

    private boolean inEntry;
    private long entryStart;
    private long entries;
    private boolean lineCut;
    private int fieldsInEntry;
    private long firstBadLine = -1;
    private byte[] binary = new byte[256];

    /**
     * @param total file size when known (not gzip), used to reject a binary length past the end; -1 when unknown
     */
    ExportParser(InputStream in, long total, ParserSetup setup) {
        this.in = in;
        this.total = total;
        this.setup = setup;
        this.maxLine = Math.max(CHUNK, setup.limits().maxLineBytes());
    }

    /** Reads to the end; returns the number of complete entries passed to the sink. */
    long run() throws IOException, ArtifactException {
        while (true) {
            int nl = findNewline();
            if (nl < 0) {
                endOfInput();
                return entries;
            }
            int start = pos;
            pos = nl + 1;
            if (lineCut) {
                lineCut = false;
                startEntry(start);
                continue;
            }
            if (nl == start) {
                endEntry();
                continue;
            }
            startEntry(start);
            int h = 0;
            int i = start;
            byte[] b = buf;
            while (i < nl) {
                byte c = b[i];
                if (c == '=') {
                    break;
                }
                if (!NAME_BYTE[c & 0xff]) {
                    badLine(start);
                    break;
                }
                h = 31 * h + c;
                i++;
            }
            if (i < nl && b[i] != '=') {
                continue;
            }
            Field f = Field.of(b, start, i - start, h);
            fieldsInEntry++;
            if (i < nl) {
                if (f != null) {
                    set(f, b, i + 1, nl - i - 1);
                }
            } else if (!binaryField(f, new String(b, start, nl - start, StandardCharsets.US_ASCII), base + nl + 1)) {
                return entries;
            }
        }
    }

    private void startEntry(int lineStart) {
        if (!inEntry) {
            inEntry = true;
            entryStart = base + lineStart;
            fieldsInEntry = 0;
            entry.clear();
        }
    }

    private void endEntry() {
        if (!inEntry) {
            return;
        }
        inEntry = false;
        if (fieldsInEntry == 0) {
            return;
        }
        entry.place = entryStart;
        setup.sink().accept(entry);
        if (++entries % CANCEL_EVERY == 0) {
            setup.cancelCheck().run();
        }
    }

    private void badLine(int start) {
        long at = base + start;
        if (firstBadLine < 0) {
            firstBadLine = at;
        }
        setup.diagnostics().warn("bad-field-line", "byte " + at, "line is neither NAME=value nor a binary field name "
                + "(names are A-Z, 0-9 and _); skipped");
    }

    /**
     * Reads a binary field whose name line ended just before {@code lengthAt}. Returns false when the stream cannot be
     * followed further (a length past the end, a missing newline after the data): the rest of the file is given up.
     */
    private boolean binaryField(Field f, String name, long lengthAt) throws IOException, ArtifactException {
        if (!ensure(8)) {
            return stop("truncated-entry", lengthAt, "expected the 64-bit length of binary field '" + name
                    + "', found the end of the file");
        }
        long length = 0;
        for (int k = 7; k >= 0; k--) {
            length = (length << 8) | (buf[pos + k] & 0xff);
        }
        pos += 8;
        long dataAt = lengthAt + 8;
        if (total >= 0 && (length < 0 || length > total - dataAt - 1)) {
            return stop("binary-field-past-end", lengthAt, "binary field '" + name + "' announces "
                    + Long.toUnsignedString(length) + " bytes but only " + Math.max(0, total - dataAt)
                    + " remain in the file (truncated file or corrupt length); entries from here on are lost");
        }
        if (length < 0 || length > setup.limits().maxRecordBytes()) {
            throw new LimitExceededException(setup.file(), "byte " + lengthAt, "maxRecordBytes", setup.limits().maxRecordBytes(),
                    "binary field '" + name + "' length " + Long.toUnsignedString(length));
        }
        int n = 0;
        long left = length;
        while (left > 0) {
            if (pos == lim && !ensure(1)) {
                return stop("truncated-entry", entryStart, "binary field '" + name + "' at byte " + lengthAt
                        + " is cut off by the end of the file");
            }
            int take = (int) Math.min(left, lim - pos);
            if (f != null) {
                if (n + take > binary.length) {
                    binary = Arrays.copyOf(binary, Math.max(n + take, binary.length * 2));
                }
                System.arraycopy(buf, pos, binary, n, take);
                n += take;
            }
            pos += take;
            left -= take;
        }
        if (!ensure(1)) {
            return stop("truncated-entry", entryStart, "binary field '" + name + "' at byte " + lengthAt
                    + " is not followed by a newline before the end of the file");
        }
        if (buf[pos] != '\n') {
            return stop("binary-field-unterminated", base + pos, "expected a newline after the " + length
                    + " bytes of binary field '" + name + "' (length at byte " + lengthAt + ")");
        }
        pos++;
        if (f != null) {
            set(f, binary, 0, n);
        }
        return true;
    }

    /** Gives up on the rest of the stream: an error when nothing was read yet, else a diagnostic that keeps the rest. */
    private boolean stop(String name, long at, String what) throws ArtifactException {
        if (entries == 0) {
            throw ArtifactException.atByte(setup.file(), at, what);
        }
        setup.diagnostics().error(name, "byte " + at, what);
        inEntry = false;
        return false;
    }

    private void endOfInput() throws ArtifactException {
        if ((inEntry && fieldsInEntry > 0) || pos < lim) {
            long at = inEntry ? entryStart : base + pos;
            if (entries == 0 && firstBadLine < 0) {
                throw ArtifactException.atByte(setup.file(), at, "expected a complete journal export entry ended by an "
                        + "empty line, found the end of the file");
            }
            setup.diagnostics().warn("truncated-entry", "byte " + at, "the last entry is cut off by the end of the file "
                    + "(no empty line ends it); it was dropped");
        }
        if (entries == 0 && firstBadLine >= 0) {
            throw ArtifactException.atByte(setup.file(), firstBadLine, "expected a journal export field (NAME=value, or a "
                    + "binary field name followed by its 64-bit length)");
        }
    }

    /** Index of the next newline at or after pos, reading more as needed; -1 at the end of the input. */
    private int findNewline() throws IOException {
        int from = pos;
        while (true) {
            int nl = indexOfNewline(buf, from, lim);
            if (nl >= 0) {
                return nl;
            }
            if (eof) {
                return -1;
            }
            int scanned = lim - pos;
            if (!refill()) {
                // A line longer than maxLineBytes: drop what was buffered and go on looking for its end.
                if (!lineCut) {
                    setup.diagnostics().warn("field-too-long", "byte " + (base + pos), "a field line is longer than "
                            + maxLine + " bytes (raise -D" + Limits.PROPERTY_PREFIX + "maxLineBytes); it was skipped");
                }
                lineCut = true;
                base += lim;
                pos = 0;
                lim = 0;
                scanned = 0;
                refill();
            }
            from = pos + scanned;
        }
    }

    /**
     * First '\n' in {@code b[from, to)}, or -1; eight bytes at a time (the "has zero byte" test of Hacker's Delight on
     * the word XOR newlines; its lowest flagged byte is always exact).
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0a0a0a0a0a0a0a0aL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Makes n bytes available at pos; false when the input ends first. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (eof) {
                return false;
            }
            refill();
        }
        return true;
    }

    /** Moves the unread bytes to the front and reads more; false when the buffer is full at its maximum size. */
    private boolean refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            base += pos;
            pos = 0;
        }
        if (lim == buf.length) {
            if (buf.length >= maxLine) {
                return false;
            }
            buf = Arrays.copyOf(buf, (int) Math.min(maxLine, buf.length * 2L));
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
            long done = base + lim;
            if (done >= nextProgress) {
                setup.progress().bytes(done, total);
                nextProgress = done + CHUNK;
            }
        }
        return true;
    }

    private void set(Field f, byte[] a, int off, int len) {
        JournalEntry e = entry;
        switch (f) {
            case REALTIME -> e.realtimeMicros = number(a, off, len, f);
            case MONOTONIC -> e.monotonicMicros = number(a, off, len, f);
            case SEQNUM -> e.seqnum = number(a, off, len, f);
            case SEQNUM_ID -> e.seqnumId = cache.get(a, off, len);
            case BOOT_ID -> e.bootId = cache.get(a, off, len);
            case MESSAGE -> e.message = new String(a, off, len, StandardCharsets.UTF_8);
            case PRIORITY -> {
                long p = number(a, off, len, f);
                e.priority = p == JournalEntry.ABSENT || p > Integer.MAX_VALUE ? -1 : (int) p;
            }
            case PID -> e.pid = number(a, off, len, f);
            case COMM -> e.comm = cache.get(a, off, len);
            case SYSTEMD_UNIT -> e.systemdUnit = cache.get(a, off, len);
            case SYSLOG_IDENTIFIER -> e.syslogIdentifier = cache.get(a, off, len);
            case UNIT, USER_UNIT -> e.aboutUnit = cache.get(a, off, len);
            case CURSOR -> e.seqnumFromCursor(a, off, len, cache);
            default -> throw new IllegalStateException("unhandled field " + f);
        }
    }

    private long number(byte[] a, int off, int len, Field f) {
        if (len == 0 || len > 18) {
            return badNumber(a, off, len, f);
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                return badNumber(a, off, len, f);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private long badNumber(byte[] a, int off, int len, Field f) {
        setup.diagnostics().warn("bad-number", "byte " + entryStart, f.journalName + " is not a decimal number: '"
                + new String(a, off, Math.min(len, 40), StandardCharsets.UTF_8) + "'");
        return JournalEntry.ABSENT;
    }
}
