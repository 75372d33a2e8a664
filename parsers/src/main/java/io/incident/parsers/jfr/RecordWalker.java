package io.incident.parsers.jfr;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Counts the events of format 2.x chunks by walking their records' size fields, without decoding them: the check that
 * lets the reader use the JDK's fast {@link jdk.jfr.consumer.EventStream}, which ends quietly on a broken record where
 * {@link jdk.jfr.consumer.RecordingFile} throws. A 2.x chunk is a 68-byte header (its last byte holds the feature
 * flags; bit 0: integers are LEB128-compressed) followed by records, each a size (which counts itself) and a type id;
 * type 0 is the metadata and type 1 a constant pool, every other type an event.
 */
final class RecordWalker {
    static final int HEADER_BYTES = 68;
    private static final int FLAGS_BYTE = 67;
    private static final int COMPRESSED_INTS = 1;

    private RecordWalker() {
    }

    /**
     * Events in the given consecutive chunks of a file that starts with the first of them; -1 when a record does not fit
     * its chunk, or a chunk is not 2.x or too big to map: the caller then reads those chunks the slow, strict way.
     */
    static long countEvents(Path file, List<ChunkHeader> chunks) throws IOException {
        long firstOffset = chunks.get(0).offset();
        long events = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (ChunkHeader h : chunks) {
                if (h.major() != 2 || h.size() > Integer.MAX_VALUE || h.size() < HEADER_BYTES) {
                    return -1;
                }
                MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, h.offset() - firstOffset, h.size());
                long n = countChunk(b, (int) h.size());
                if (n < 0) {
                    return -1;
                }
                events += n;
            }
        }
        return events;
    }

    /** Events in one mapped chunk, or -1 when its records do not tile it exactly. */
    static long countChunk(MappedByteBuffer b, int size) {
        boolean compressed = (b.get(FLAGS_BYTE) & COMPRESSED_INTS) != 0;
        long events = 0;
        int pos = HEADER_BYTES;
        while (pos < size) {
            long recordSize;
            int p = pos;
            if (compressed) {
                long v = 0;
                int shift = 0;
                int i = 0;
                while (true) {
                    if (p >= size) {
                        return -1;
                    }
                    int x = b.get(p++) & 0xff;
                    if (i == 8) {
                        v |= (long) x << shift;
                        break;
                    }
                    v |= (long) (x & 0x7f) << shift;
                    if ((x & 0x80) == 0) {
                        break;
                    }
                    shift += 7;
                    i++;
                }
                recordSize = v;
            } else {
                if (p + 4 > size) {
                    return -1;
                }
                recordSize = b.getInt(p) & 0xffffffffL;
                p += 4;
            }
            if (recordSize < p - pos + 1 || recordSize > size - pos) {
                return -1;
            }
            long type;
            if (compressed) {
                int x = b.get(p) & 0xff;
                type = (x & 0x80) == 0 ? x : 2; // a type id over 127 is an event type either way
            } else {
                if (p + 8 > pos + recordSize) {
                    return -1;
                }
                type = b.getLong(p);
            }
            if (type != 0 && type != 1) {
                events++;
            }
            pos += (int) recordSize;
        }
        return events;
    }
}
