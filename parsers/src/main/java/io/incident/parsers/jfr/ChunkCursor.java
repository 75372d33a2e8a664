package io.incident.parsers.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * Reads one chunk's bytes, big-endian, with JFR's compressed integers: every short, char, int and long is an unsigned
 * LEB128 of up to nine bytes, the ninth contributing all its eight bits. Every read checks the chunk's end, so a broken
 * record becomes a {@link DirectUnsupported} (and a read the JDK's way), never a wrong value.
 */
final class ChunkCursor {
    private final ByteBuffer b;
    /** The buffer's array when it has one at offset 0, for the loops over many bytes; null for a mapped chunk. */
    private final byte[] array;
    private final int limit;
    private int pos;

    ChunkCursor(ByteBuffer b, int limit) {
        this.b = b;
        this.array = b.hasArray() && b.arrayOffset() == 0 ? b.array() : null;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        if (p < 0 || p > limit) {
            throw new DirectUnsupported("position " + p + " outside the chunk of " + limit + " bytes");
        }
        pos = p;
    }

    long varlong() {
        int p = pos;
        byte[] a = array;
        if (a != null && p + 9 <= limit) {
            long v = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                int x = a[p++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    pos = p;
                    return v;
                }
            }
            v |= (long) (a[p++] & 0xff) << 56;
            pos = p;
            return v;
        }
        if (p + 9 <= limit) {
            long v = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                int x = b.get(p++);
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    pos = p;
                    return v;
                }
            }
            v |= (long) (b.get(p++) & 0xff) << 56;
            pos = p;
            return v;
        }
        return varlongNearEnd();
    }

    private long varlongNearEnd() {
        long v = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return v | (long) u8() << 56;
    }

    /** A compressed int as the JDK reads it: the long, cut to 32 bits. */
    int int32() {
        return (int) varlong();
    }

    /** A count or length, which must be non-negative and fit what is left of the chunk. */
    int count() {
        int n = int32();
        if (n < 0 || n > limit - pos) {
            throw new DirectUnsupported("count " + n + " at byte " + pos + " does not fit the chunk");
        }
        return n;
    }

    int u8() {
        if (pos >= limit) {
            throw new DirectUnsupported("read past the chunk's end");
        }
        return (array != null ? array[pos++] : b.get(pos++)) & 0xff;
    }

    int rawInt() {
        need(4);
        int v = b.getInt(pos);
        pos += 4;
        return v;
    }

    long rawLong() {
        need(8);
        long v = b.getLong(pos);
        pos += 8;
        return v;
    }

    long rawLongAt(int p) {
        if (p < 0 || p + 8 > limit) {
            throw new DirectUnsupported("header field at " + p + " outside the chunk");
        }
        return b.getLong(p);
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (n < 0 || pos + n > limit) {
            throw new DirectUnsupported("read of " + n + " bytes past the chunk's end");
        }
    }

    /**
     * A string in JFR's encodings: 0 null, 1 empty, 2 a key into the string pool (looked up by {@code pool}, which
     * may be null where no pool exists yet), 3 UTF-8 bytes, 4 chars, 5 Latin-1 bytes.
     */
    Object string(LongFunction<Object> pool) {
        return string(pool, null);
    }

    /**
     * The last string one field held, with its bytes: an event field such as a socket's address repeats from record
     * to record, and handing back the same String keeps its hash, which every intern lookup after this needs.
     */
    static final class Memo {
        private byte[] bytes = new byte[0];
        private int encoding = -1;
        private String text;
    }

    /** {@link #string(LongFunction)}, returning the memo's string when the bytes equal the last ones. */
    Object string(LongFunction<Object> pool, Memo memo) {
        int encoding = u8();
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 2: {
                long key = varlong();
                if (pool == null) {
                    throw new DirectUnsupported("string pool reference where no pool exists");
                }
                return pool.apply(key);
            }
            case 3:
                return memo == null ? bytes(StandardCharsets.UTF_8) : remembered(encoding, memo);
            case 4:
                return chars(memo);
            case 5:
                return memo == null ? bytes(StandardCharsets.ISO_8859_1) : remembered(encoding, memo);
            default:
                throw new DirectUnsupported("unknown string encoding " + encoding + " at byte " + (pos - 1));
        }
    }

    private String remembered(int encoding, Memo memo) {
        int n = count();
        if (n == memo.bytes.length && encoding == memo.encoding && sameBytes(memo.bytes)) {
            pos += n;
            return memo.text;
        }
        byte[] a = new byte[n];
        b.get(pos, a, 0, n);
        pos += n;
        memo.bytes = a;
        memo.encoding = encoding;
        memo.text = new String(a, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return memo.text;
    }

    /** Chars, each a compressed int, as the JDK writes a Java string; the memo's string when they are the same. */
    private String chars(Memo memo) {
        int n = count();
        String last = memo != null && memo.encoding == 4 ? memo.text : null;
        int i = 0;
        if (last != null && last.length() == n) {
            int start = pos;
            while (i < n && (char) int32() == last.charAt(i)) {
                i++;
            }
            if (i == n) {
                return last;
            }
            pos = start;
        }
        char[] c = new char[n];
        for (i = 0; i < n; i++) {
            c[i] = (char) int32();
        }
        String text = new String(c);
        if (memo != null) {
            memo.encoding = 4;
            memo.text = text;
        }
        return text;
    }

    /**
     * A hash of the bytes {@code [from, to)}, eight at a time (the last word may overlap the one before it): records
     * are tens of bytes, and the memo hashes millions of them.
     */
    int hash(int from, int to) {
        int n = to - from;
        long h = n * GOLDEN;
        if (n >= 8) {
            for (int i = from; i + 8 < to; i += 8) {
                h = (h ^ word(i)) * GOLDEN;
            }
            h = (h ^ word(to - 8)) * GOLDEN;
        } else {
            for (int i = from; i < to; i++) {
                h = (h ^ byteAt(i)) * GOLDEN;
            }
        }
        h = (h ^ (h >>> 32)) * GOLDEN;
        return (int) (h >>> 32);
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private long word(int i) {
        return array != null ? (long) WORDS.get(array, i) : b.getLong(i);
    }

    private int byteAt(int i) {
        return array != null ? array[i] : b.get(i);
    }

    /** Whether the bytes from {@code from} on equal {@code a}. */
    boolean same(int from, byte[] a) {
        if (from < 0 || from + a.length > limit) {
            return false;
        }
        if (array != null) {
            return java.util.Arrays.equals(array, from, from + a.length, a, 0, a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (b.get(from + i) != a[i]) {
                return false;
            }
        }
        return true;
    }

    byte[] copy(int from, int to) {
        if (array != null) {
            return java.util.Arrays.copyOfRange(array, from, to);
        }
        byte[] a = new byte[to - from];
        b.get(from, a, 0, a.length);
        return a;
    }

    /** Walks past a string without making it, for fields nobody reads. */
    void skipString() {
        int encoding = u8();
        switch (encoding) {
            case 0, 1 -> { }
            case 2 -> varlong();
            case 3, 5 -> skip(count());
            case 4 -> {
                int n = count();
                for (int i = 0; i < n; i++) {
                    varlong();
                }
            }
            default -> throw new DirectUnsupported("unknown string encoding " + encoding + " at byte " + (pos - 1));
        }
    }

    private boolean sameBytes(byte[] a) {
        for (int i = 0; i < a.length; i++) {
            if (b.get(pos + i) != a[i]) {
                return false;
            }
        }
        return true;
    }

    private String bytes(java.nio.charset.Charset cs) {
        int n = count();
        byte[] a = new byte[n];
        b.get(pos, a, 0, n);
        pos += n;
        return new String(a, cs);
    }
}
