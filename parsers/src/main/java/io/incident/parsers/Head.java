package io.incident.parsers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        // Line by line up to max: recognizers ask for a few lines, and a binary head has few line ends but is long.
        List<String> out = new ArrayList<>(Math.min(max, 16));
        int start = 0;
        while (out.size() < max) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            if (nl == bytes.length) {
                if (out.isEmpty() || bytes.length < SIZE) {
                    out.add(new String(bytes, start, nl - start, StandardCharsets.UTF_8));
                }
                break;
            }
            int end = nl > start && bytes[nl - 1] == '\r' ? nl - 1 : nl;
            out.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            start = nl + 1;
        }
        return out.toArray(new String[0]);
    }
}
