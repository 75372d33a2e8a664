package io.incident.parsers;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening artifact files: transparent, bounded gunzip, and the head used for detection. */
public final class Inputs {
    private Inputs() {
    }

    public static boolean isGzip(byte[] b, int len) {
        return len >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** Reads the detection head: the first {@link Head#SIZE} bytes, gunzipped when the file is gzip. */
    public static Head head(Path file) throws IOException {
        long size = Files.size(file);
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes(Head.SIZE);
        }
        if (isGzip(raw, raw.length)) {
            return new Head(inflatePrefix(file), true, size);
        }
        return new Head(raw, false, size);
    }

    /** Inflates up to {@link Head#SIZE} bytes, keeping what was inflated before a truncated or corrupt stream ends. */
    private static byte[] inflatePrefix(Path file) throws IOException {
        byte[] buf = new byte[Head.SIZE];
        int n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 8192)) {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            // Truncated or corrupt gzip: detection works on the prefix that did inflate.
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /**
     * Opens the file for streaming: gunzipped when it is gzip, and bounded so that a gzip bomb fails with a
     * {@link LimitExceededException}-carrying IOException instead of filling the disk or heap.
     */
    public static InputStream open(ReadContext ctx) throws IOException {
        Path file = ctx.file();
        long size = Files.size(file);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            long bound = Math.min(ctx.limits().maxDecompressedBytes(),
                    Math.max(1L << 20, saturatingMultiply(size, ctx.limits().maxCompressionRatio())));
            String setting = bound == ctx.limits().maxDecompressedBytes() ? "maxDecompressedBytes" : "maxCompressionRatio";
            return new BufferedInputStream(new Bounded(new GZIPInputStream(raw, 1 << 16), bound, ctx.name(), setting),
                    1 << 16);
        }
        return raw;
    }

    /** a * b, or Long.MAX_VALUE when it overflows. */
    public static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    /** Thrown through I/O calls when a stream inflates past its bound; readers turn it into their error. */
    public static final class LimitIOException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient LimitExceededException limit;

        LimitIOException(LimitExceededException limit) {
            super(limit.getMessage());
            this.limit = limit;
        }

        public LimitExceededException limit() {
            return limit;
        }
    }

    /** Counts bytes and fails once more than {@code bound} have been read. */
    public static final class Bounded extends FilterInputStream {
        private final long bound;
        private final String name;
        private final String setting;
        private long count;

        public Bounded(InputStream in, long bound, String name, String setting) {
            super(in);
            this.bound = bound;
            this.name = name;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws LimitIOException {
            count += n;
            if (count > bound) {
                throw new LimitIOException(new LimitExceededException(name, "decompressed byte " + count, setting, bound,
                        "decompressed size"));
            }
        }

        public long count() {
            return count;
        }
    }
}
