package io.incident.parsers.strace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reading thread's table of texts it has seen (syscall names, argument texts, durations), each given a local id
 * in order of first appearance. The assembling thread turns a local id into the string table's id once, the first
 * time it meets it ({@link TextIds}), so the hashing and comparing of repeated texts happens on the reading thread,
 * which has time to spare. Ids are only a cache: the string table still assigns its ids in file order on the
 * assembling thread, so the model does not depend on this table. Bounded: once {@link #MAX_BYTES} of text is held,
 * new texts get no id and the assembling thread interns them as it would without this table.
 */
final class LocalTexts {
    static final int NONE = -1;
    private static final int MAX_BYTES = 32 << 20;

    /**
     * Texts are appended to fixed chunks and never moved: a doubling array would copy tens of MB a read. A text longer
     * than a chunk gets a chunk of its own. Chunks of 1 MB are humongous objects to G1, so young collections do not
     * copy them either.
     */
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int chunkUsed;
    private long held;
    /** Per id: its chunk's index, where it starts in the chunk, its length and its hash. */
    private int[] chunkOf = new int[1024];
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int[] hashes = new int[1024];
    private int size;
    /** Open addressing: id + 1, 0 empty. */
    private int[] slots = new int[2048];

    int id(byte[] b, int s, int e) {
        int len = e - s;
        int h = hash(b, s, e);
        int mask = slots.length - 1;
        int i = h & mask;
        for (int v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            int id = v - 1;
            if (hashes[id] == h && lengths[id] == len) {
                int off = offsets[id];
                if (Arrays.equals(chunks.get(chunkOf[id]), off, off + len, b, s, e)) {
                    return id;
                }
            }
        }
        if (held + len > MAX_BYTES) {
            return NONE;
        }
        return insert(i, h, b, s, len);
    }

    private int insert(int slot, int h, byte[] b, int s, int len) {
        if (chunk == null || chunkUsed + len > chunk.length) {
            chunk = new byte[Math.max(CHUNK, len)];
            chunks.add(chunk);
            chunkUsed = 0;
        }
        if (size == offsets.length) {
            int n = size * 2;
            chunkOf = Arrays.copyOf(chunkOf, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        System.arraycopy(b, s, chunk, chunkUsed, len);
        int id = size++;
        chunkOf[id] = chunks.size() - 1;
        offsets[id] = chunkUsed;
        lengths[id] = len;
        hashes[id] = h;
        chunkUsed += len;
        held += len;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] fresh = new int[slots.length * 2];
        int mask = fresh.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & mask;
            while (fresh[i] != 0) {
                i = (i + 1) & mask;
            }
            fresh[i] = id + 1;
        }
        slots = fresh;
    }

    private static int hash(byte[] b, int s, int e) {
        int h = 0;
        int k = s;
        for (; k + 3 < e; k += 4) {
            h = 923521 * h + 29791 * b[k] + 961 * b[k + 1] + 31 * b[k + 2] + b[k + 3];
        }
        for (; k < e; k++) {
            h = 31 * h + b[k];
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
