package io.incident.parsers.goroutine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream into lines held in one reusable byte buffer, so the parser can test a line's first bytes without
 * making a String of every line. A line longer than {@code maxLineBytes} keeps its first {@code maxLineBytes} bytes and
 * is flagged as cut; the rest of it is skipped.
 */
final class LineSource {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;

    private byte[] line = new byte[256];
    private int length;
    private boolean cut;
    private boolean terminated;
    private long lineNumber;
    private long lineStart;
    private long consumed;

    LineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = Math.max(1, maxLineBytes);
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        length = 0;
        cut = false;
        terminated = false;
        lineStart = consumed;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (any) {
                    lineNumber++;
                    trimCarriageReturn();
                }
                return any;
            }
            any = true;
            int i = pos;
            while (i < end && buf[i] != '\n') {
                i++;
            }
            append(pos, i - pos);
            consumed += i - pos;
            if (i < end) {
                pos = i + 1;
                consumed++;
                terminated = true;
                lineNumber++;
                trimCarriageReturn();
                return true;
            }
            pos = end;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return n > 0 || fill();
    }

    private void append(int from, int n) {
        int room = maxLineBytes - length;
        if (n > room) {
            cut = true;
            n = Math.max(0, room);
        }
        if (n == 0) {
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private void trimCarriageReturn() {
        if (length > 0 && line[length - 1] == '\r' && !cut) {
            length--;
        }
    }

    int length() {
        return length;
    }

    byte at(int i) {
        return line[i];
    }

    boolean startsWith(byte[] prefix) {
        return startsWith(prefix, 0);
    }

    boolean startsWith(byte[] prefix, int from) {
        if (length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code b} at or after {@code from}, or -1. */
    int indexOf(byte b, int from) {
        for (int i = from; i < length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    int lastIndexOf(byte b, int before) {
        for (int i = Math.min(before, length) - 1; i >= 0; i--) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    String text() {
        return text(0, length);
    }

    /** Whether the line was longer than the limit and was cut. */
    boolean cut() {
        return cut;
    }

    /** Whether the line ended with a newline (the last line of a cut-off dump does not). */
    boolean terminated() {
        return terminated;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the line's first byte. */
    long lineStart() {
        return lineStart;
    }

    long consumed() {
        return consumed;
    }
}
