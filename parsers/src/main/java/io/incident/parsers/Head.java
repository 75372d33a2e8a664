package io.incident.parsers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes of a file, for detection. When the file is gzip, {@link #bytes()} holds the start of the
 * decompressed content and {@link #gzipped()} is true.
 */
public final class Head {
    /** How much of a file detection looks at. */
    public static final int SIZE = 64 * 1024;

    private final byte[] bytes;
    private final boolean gzipped;
    private final long fileSize;

    public Head(byte[] bytes, boolean gzipped, long fileSize) {
        this.bytes = bytes;
        this.gzipped = gzipped;
        this.fileSize = fileSize;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public int byteAt(int i) {
        return i < bytes.length ? bytes[i] & 0xff : -1;
    }

    public boolean gzipped() {
        return gzipped;
    }

    public long fileSize() {
        return fileSize;
    }

    public boolean startsWith(byte... prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    public boolean startsWithAscii(String prefix) {
        return startsWith(prefix.getBytes(StandardCharsets.US_ASCII));
    }

    /** The head as text (invalid UTF-8 replaced), for text-format detection. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Up to {@code max} lines of the head, without their line ends; a cut last line is dropped unless it is all there is. */
    public String[] lines(int max) {
        String t = text();
        String[] all = t.split("\r?\n", -1);
        int n = all.length;
        if (n > 1 && bytes.length == SIZE) {
            n--;
        }
        return Arrays.copyOf(all, Math.min(n, max));
    }
}
