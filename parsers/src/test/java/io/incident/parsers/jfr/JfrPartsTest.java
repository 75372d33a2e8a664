package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.parsers.jfr.JfrReader.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How chunks are split into runs for the workers, on the real headers of multi-chunk corpus recordings. */
class JfrPartsTest {
    @Test
    void format2ChunksShareARunPerWorker() throws Exception {
        List<ChunkHeader> chunks = JfrBadInputTest.layoutOf(JfrTestFiles.corpus("jfr/jmc_jdk15.jfr")).chunks();
        assertEquals(List.of(new Part(0, 1)), JfrReader.parts(chunks, 1));
        assertEquals(List.of(new Part(0, 0), new Part(1, 1)), JfrReader.parts(chunks, 2));
    }

    @Test
    void format1ChunksAreReadAlone() throws Exception {
        List<ChunkHeader> chunks = JfrBadInputTest.layoutOf(JfrTestFiles.corpus("jfr/jmc_wls-medrec-jdk9.jfr")).chunks();
        assertEquals(1, chunks.get(0).major());
        assertEquals(List.of(new Part(0, 0), new Part(1, 1)), JfrReader.parts(chunks, 1));
    }
}
