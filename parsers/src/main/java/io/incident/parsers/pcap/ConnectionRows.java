package io.incident.parsers.pcap;

import java.util.Arrays;

/**
 * The state of every tracked TCP connection, one row of {@link #STRIDE} longs and {@link #REFS} references each, in
 * chunks. A capture of 240k connections keeps them all until its end (a late segment can still change any of them),
 * and as objects (a connection and two directions, 300 bytes with headers) every young collection copied the ones
 * made since the last: most of the read's pauses and a third of its heap. A chunk of longs is a little under 4 MB,
 * which G1 (regions of 1-4 MB on a laptop's default heap) allocates as a humongous object straight in the old
 * generation: it is never copied, and an import that drops a chunk once its rows are in the model gives the region
 * back at the next young collection.
 */
final class ConnectionRows {
    /** Longs a row: see the field offsets in {@link Connection}. */
    static final int STRIDE = Connection.ROW_LONGS;
    static final int REFS = Connection.ROW_REFS;
    /** Rows a chunk: the most whose longs, with the array header, fit in 4 MB. */
    static final int ROWS = (int) (((4L << 20) - 16) / Long.BYTES / STRIDE);
    /** Rows of the first chunk before it grows: a capture of a few connections should not cost 4 MB. */
    private static final int FIRST_ROWS = 64;

    private long[][] longs = new long[16][];
    private Object[][] refs = new Object[16][];
    private int size;

    int size() {
        return size;
    }

    /** Appends a row with every field at its "not seen" value and returns its id. */
    int add() {
        int id = size;
        int chunk = id / ROWS;
        int row = id % ROWS;
        if (chunk == longs.length) {
            longs = Arrays.copyOf(longs, chunk * 2);
            refs = Arrays.copyOf(refs, chunk * 2);
        }
        if (longs[chunk] == null) {
            int rows = chunk == 0 ? FIRST_ROWS : ROWS;
            longs[chunk] = new long[rows * STRIDE];
            refs[chunk] = new Object[rows * REFS];
        } else if ((row + 1) * STRIDE > longs[chunk].length) {
            int rows = Math.min(ROWS, longs[chunk].length / STRIDE * 2);
            longs[chunk] = Arrays.copyOf(longs[chunk], rows * STRIDE);
            refs[chunk] = Arrays.copyOf(refs[chunk], rows * REFS);
        }
        Connection.initialize(longs[chunk], row * STRIDE);
        size++;
        return id;
    }

    long[] longs(int id) {
        long[] chunk = longs[id / ROWS];
        if (chunk == null) {
            throw new IllegalStateException("connection " + id + " was released after the model was built");
        }
        return chunk;
    }

    static int longBase(int id) {
        return id % ROWS * STRIDE;
    }

    Object[] refs(int id) {
        return refs[id / ROWS];
    }

    static int refBase(int id) {
        return id % ROWS * REFS;
    }

    /** Whether {@code id} is the last row of its chunk. */
    static boolean lastOfChunk(int id) {
        return id % ROWS == ROWS - 1;
    }

    /** Drops the chunk holding {@code id}: for a read that keeps only the model, once the chunk's rows are in it. */
    void release(int id) {
        longs[id / ROWS] = null;
        refs[id / ROWS] = null;
    }
}
