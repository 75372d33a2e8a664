package io.incident.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Returns at most {@code chunk} bytes per read call, to find buffer-boundary bugs (as jackson-core's tests do). */
public final class ThrottledInputStream extends FilterInputStream {
    private final int chunk;

    public ThrottledInputStream(InputStream in, int chunk) {
        super(in);
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, chunk));
    }

    @Override
    public int available() {
        return 0;
    }
}
