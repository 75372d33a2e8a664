package io.incident.parsers.strace;

import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines through one large reusable buffer, without a String per line. A line longer than the
 * limit is handed over cut to the limit (flagged) and the rest of it is skipped, so one absurd line costs no memory.
 */
final class LineScanner {
    /** Receives each line as a range of the scanner's buffer, valid only during the call. */
    interface Sink {
        /**
         * @param cut        the line was longer than the limit and only its first bytes are given
         * @param terminated the line ended with a newline (false only for a last line cut short by the end of input)
         */
        void line(byte[] buf, int start, int end, boolean cut, boolean terminated);
    }

    private static final int PROGRESS_STEP = 1 << 20;

    private final InputStream in;
    private final int maxLine;
    private final long total;
    private final Progress progress;
    private final Cancellation cancellation;
    private final byte[] buf;
    private long consumed;

    LineScanner(InputStream in, int maxLine, long total, Progress progress, Cancellation cancellation) {
        this.in = in;
        this.maxLine = maxLine;
        this.total = total;
        this.progress = progress;
        this.cancellation = cancellation;
        this.buf = new byte[Math.max(1 << 20, maxLine + (1 << 16))];
    }

    long consumed() {
        return consumed;
    }

    void run(Sink sink) throws IOException {
        int start = 0;
        int end = 0;
        int scan = 0;
        boolean skipping = false;
        long nextProgress = PROGRESS_STEP;
        while (true) {
            int nl = indexOfNewline(buf, scan, end);
            if (nl >= 0) {
                if (!skipping) {
                    int len = nl - start;
                    if (len > maxLine) {
                        sink.line(buf, start, start + maxLine, true, true);
                    } else {
                        int stop = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                        sink.line(buf, start, stop, false, true);
                    }
                }
                skipping = false;
                start = nl + 1;
                scan = start;
                continue;
            }
            if (!skipping && end - start > maxLine) {
                sink.line(buf, start, start + maxLine, true, true);
                skipping = true;
            }
            if (skipping) {
                start = end;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            scan = end;
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                if (end > start && !skipping) {
                    sink.line(buf, start, end, false, false);
                }
                progress.bytes(consumed, total);
                return;
            }
            end += n;
            consumed += n;
            if (consumed >= nextProgress) {
                progress.bytes(consumed, total);
                cancellation.check();
                nextProgress = consumed + PROGRESS_STEP;
            }
        }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
