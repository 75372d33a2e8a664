package io.incident.parsers.pprof;

import io.incident.parsers.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes a reader consumes and reports them about every megabyte, whatever the format. */
final class ProgressStream extends FilterInputStream {
    private static final long STEP = 1 << 20;

    private final Progress progress;
    private final long total;
    private long count;
    private long next = STEP;

    /** @param total bytes expected, or -1 when unknown (a gzip file's inflated size) */
    ProgressStream(InputStream in, Progress progress, long total) {
        super(in);
        this.progress = progress;
        this.total = total;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count >= next) {
            progress.bytes(count, total);
            next = count + STEP;
        }
    }

    /** Reports the end: everything consumed. */
    void finish() {
        progress.bytes(count, total < 0 ? count : total);
    }
}
