package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostics;
import io.incident.parsers.Progress;
import io.incident.testing.ThrottledInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chunk-header scanner on every readable corpus recording, fed whole and in 1- and 7-byte pieces. */
class ChunkScannerTest {
    /** Byte-at-a-time feeding of the multi-megabyte recordings adds most of a minute and finds nothing 7 bytes miss. */
    private static final long ONE_BYTE_FEED_MAX = 600_000;

    static Stream<JfrTestFiles.Expected> readable() throws IOException {
        return JfrCorpusTest.readable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void chunksMatchJfrSummaryInAnyPieces(JfrTestFiles.Expected expected) throws Exception {
        Path file = JfrTestFiles.corpus(expected.file());
        ChunkScanner.Layout whole = scan(file, 0);
        assertEquals(expected.chunks(), whole.chunks().size());
        assertTrue(whole.complete());
        long next = 0;
        for (ChunkHeader h : whole.chunks()) {
            assertEquals(next, h.offset(), "chunks follow each other");
            assertTrue(h.major() == 1 || h.major() == 2, h.version());
            next = h.end();
        }
        assertEquals(whole.totalBytes(), next);
        if (whole.totalBytes() <= ONE_BYTE_FEED_MAX) {
            assertEquals(whole, scan(file, 1));
        }
        assertEquals(whole, scan(file, 7));
    }

    private static ChunkScanner.Layout scan(Path file, int chunk) throws Exception {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            if (chunk > 0) {
                in = new ThrottledInputStream(in, chunk);
            }
            Diagnostics d = new Diagnostics();
            ChunkScanner.Layout layout = new ChunkScanner("test", d, Progress.NONE, -1).scan(in);
            assertTrue(d.isEmpty(), () -> d.snapshot().toString());
            return layout;
        }
    }
}
