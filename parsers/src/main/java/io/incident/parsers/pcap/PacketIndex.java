package io.incident.parsers.pcap;

import java.util.Arrays;

/**
 * Where every packet of a capture starts in the file, and the next packet of the same TCP connection, in chunks of 4096
 * packets: 8 bytes a packet, no doubling copies while it grows (a capture can hold tens of millions of packets).
 * Offsets are stored as ints relative to their chunk's first packet; a chunk whose span exceeds an int keeps longs.
 */
final class PacketIndex {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private long[] bases = new long[16];
    private int[][] deltas = new int[16][];
    private long[][] wide = new long[16][];
    private int[][] next = new int[16][];
    private int size;
    private final boolean offsets;

    /** An index of every packet's offset and successor, for re-reading a connection's packets. */
    PacketIndex() {
        this(true);
    }

    private PacketIndex(boolean offsets) {
        this.offsets = offsets;
    }

    /**
     * An index that only counts: an import keeps the connections' lifecycles, not where their packets lie (the
     * connection view re-reads the capture with offsets when a person opens it), and 8 bytes a packet is a quarter
     * of the memory a 3.8M-packet capture needs.
     */
    static PacketIndex countingOnly() {
        return new PacketIndex(false);
    }

    /** Whether offsets and successors are kept. */
    boolean hasOffsets() {
        return offsets;
    }

    int size() {
        return size;
    }

    /** Adds a packet at {@code offset} with no successor yet; returns its index. */
    int add(long offset) {
        if (!offsets) {
            if (size == Integer.MAX_VALUE) {
                throw new IllegalStateException("more than " + Integer.MAX_VALUE + " packets");
            }
            return size++;
        }
        int chunk = size >>> SHIFT;
        int i = size & MASK;
        if (i == 0) {
            if (chunk == bases.length) {
                int n = chunk * 2;
                bases = Arrays.copyOf(bases, n);
                deltas = Arrays.copyOf(deltas, n);
                wide = Arrays.copyOf(wide, n);
                next = Arrays.copyOf(next, n);
            }
            bases[chunk] = offset;
            deltas[chunk] = new int[CHUNK];
            next[chunk] = new int[CHUNK];
        }
        long delta = offset - bases[chunk];
        if (wide[chunk] == null && (delta < 0 || delta > Integer.MAX_VALUE)) {
            wide[chunk] = new long[CHUNK];
            for (int k = 0; k < i; k++) {
                wide[chunk][k] = bases[chunk] + deltas[chunk][k];
            }
        }
        if (wide[chunk] != null) {
            wide[chunk][i] = offset;
        } else {
            deltas[chunk][i] = (int) delta;
        }
        next[chunk][i] = -1;
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " packets");
        }
        return size++;
    }

    long offset(int packet) {
        requireOffsets();
        int chunk = packet >>> SHIFT;
        long[] w = wide[chunk];
        return w != null ? w[packet & MASK] : bases[chunk] + deltas[chunk][packet & MASK];
    }

    int next(int packet) {
        requireOffsets();
        return next[packet >>> SHIFT][packet & MASK];
    }

    void next(int packet, int successor) {
        if (!offsets) {
            return;
        }
        next[packet >>> SHIFT][packet & MASK] = successor;
    }

    private void requireOffsets() {
        if (!offsets) {
            throw new IllegalStateException("this capture was read without packet offsets");
        }
    }
}
