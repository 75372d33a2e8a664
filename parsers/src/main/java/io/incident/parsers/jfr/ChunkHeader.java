package io.incident.parsers.jfr;

import java.nio.ByteBuffer;

/**
 * The fixed start of one JFR chunk (format 1.x/2.x, big-endian): magic {@code FLR\0}, major u2, minor u2, chunk size
 * u8 (header included), constant pool offset u8, metadata offset u8, start nanos u8, duration nanos u8, start ticks
 * u8, ticks per second u8. Every chunk is self-contained, which is what lets us read chunks apart.
 *
 * @param offset byte offset of the chunk in the (decompressed) recording
 */
public record ChunkHeader(long offset, int major, int minor, long size, long startNanos, long durationNanos) {
    /** Bytes of the header this reader looks at; the JDK writes 68 (a u4 of feature flags follows in 2.x). */
    public static final int LENGTH = 64;
    /** The shortest prefix that names a version, enough to reject a 0.9 recording with a clear message. */
    public static final int VERSION_LENGTH = 8;

    static boolean hasMagic(byte[] b) {
        return b.length >= 4 && b[0] == 'F' && b[1] == 'L' && b[2] == 'R' && b[3] == 0;
    }

    /** Parses {@link #LENGTH} bytes that start with the magic. */
    static ChunkHeader parse(long offset, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new ChunkHeader(offset, buf.getShort(4) & 0xffff, buf.getShort(6) & 0xffff, buf.getLong(8),
                buf.getLong(32), buf.getLong(40));
    }

    static int major(byte[] b) {
        return ((b[4] & 0xff) << 8) | (b[5] & 0xff);
    }

    static int minor(byte[] b) {
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    /** Whether the JDK 17 {@code jdk.jfr.consumer} API reads this version (it reads 1.x and 2.x). */
    static boolean readableByJdk(int major) {
        return major == 1 || major == 2;
    }

    /** Why a version cannot be read, naming the format the way an analyst knows it. */
    static String unreadableVersion(int major, int minor) {
        if (major == 0 && minor == 9) {
            return "JFR format 0.9 (JDK 7/8 or JRockit) is not readable by the JDK 17 API;"
                    + " open it in JDK Mission Control 7 or re-record on JDK 11+";
        }
        return "JFR format " + major + "." + minor + " is not readable by the JDK 17 API (it reads 1.x and 2.x)";
    }

    public long end() {
        return offset + size;
    }

    public String version() {
        return major + "." + minor;
    }
}
