package io.incident.parsers.journal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the framings of journalctl's JSON modes into plain concatenated JSON values, so one Jackson parser reads them
 * all: json-seq's record separator (0x1E) becomes a space, and in json-sse mode the {@code data: } at the start of each
 * line is removed. Lines and newlines are kept, so the parser's line numbers are the file's. Counts the bytes read from
 * the underlying stream, for progress.
 */
final class JsonFraming extends FilterInputStream {
    private static final byte RS = 0x1e;
    private static final byte[] DATA = "data:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Raised when a json-sse line is neither empty nor a {@code data:} line. */
    static final class FramingException extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;

        FramingException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final boolean sse;
    private long consumed;
    private long line = 1;
    /** In sse mode: how many bytes of "data:" (then an optional space) have been matched at the current line start. */
    private int matched;
    private boolean atLineStart = true;
    private FramingException failure;

    JsonFraming(InputStream in, boolean sse) {
        super(in);
        this.sse = sse;
    }

    long consumed() {
        return consumed;
    }

    /**
     * The framing error that ended the stream, or null. The stream ends just before a bad line instead of throwing,
     * because the JSON parser reads ahead: entries before the bad line must still reach it.
     */
    FramingException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (failure == null) {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            consumed += n;
            int w = sse ? stripSse(b, off, n) : replaceRs(b, off, n);
            if (w > 0) {
                return w;
            }
        }
        return -1;
    }

    private static int replaceRs(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (b[i] == RS) {
                b[i] = ' ';
            }
        }
        return n;
    }

    private int stripSse(byte[] b, int off, int n) {
        int w = off;
        for (int r = off; r < off + n; r++) {
            byte c = b[r];
            if (atLineStart) {
                if (matched < DATA.length) {
                    if (c == DATA[matched]) {
                        matched++;
                        continue;
                    }
                    if (matched == 0 && (c == '\n' || c == '\r')) {
                        b[w++] = c;
                        line += c == '\n' ? 1 : 0;
                        continue;
                    }
                    failure = new FramingException(line, "expected a json-sse line starting with 'data: '");
                    return w - off;
                }
                atLineStart = false;
                matched = 0;
                if (c == ' ') {
                    continue;
                }
            }
            if (c == '\n') {
                atLineStart = true;
                line++;
            }
            b[w++] = c == RS ? (byte) ' ' : c;
        }
        return w - off;
    }
}
