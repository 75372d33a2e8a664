package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.incident.model.Diagnostics;
import io.incident.testing.Corpus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The size walk that vouches for the fast stream counts exactly the events the JDK's strict reader yields. */
class RecordWalkerTest {
    static Stream<String> plainRecordings() {
        return Corpus.ofKind("jfr").stream().map(Corpus.Entry::file).filter(f -> f.endsWith(".jfr"));
    }

    private static ChunkScanner.Layout layout(Path p) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            return new ChunkScanner(p.toString(), new Diagnostics(), (d, t) -> { }, Files.size(p)).scan(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainRecordings")
    void walkCountsWhatRecordingFileReads(String file) throws Exception {
        Path p = Corpus.root().resolve(file);
        ChunkScanner.Layout layout;
        try {
            layout = layout(p);
        } catch (io.incident.parsers.ArtifactException e) {
            Assumptions.abort("not a readable recording: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(layout.complete() && layout.chunks().stream().allMatch(h -> h.major() == 2),
                "the walk covers complete format 2.x recordings");
        long strict = strictCount(p);
        long walked = RecordWalker.countEvents(p, layout.chunks());
        if (file.endsWith("jmc_hs_err_jdk-16.jfr")) {
            // This emergency dump written at a crash holds a 13-byte record of type 732 that neither RecordingFile nor
            // jfr summary counts: the counts differ, so the reader takes the strict way for it, which is the point.
            assertEquals(strict + 1, walked, file);
        } else {
            assertEquals(strict, walked, file);
        }
    }

    @Test
    void aBrokenSizeIsNoticed(@TempDir Path dir) throws Exception {
        Path source = Corpus.root().resolve("jfr/jmc_pid1.jfr");
        Assumptions.assumeTrue(Files.isRegularFile(source));
        byte[] b = Files.readAllBytes(source);
        ChunkScanner.Layout layout = layout(source);
        Assumptions.assumeTrue(layout.chunks().get(0).major() == 2);
        long good = RecordWalker.countEvents(source, layout.chunks());
        // The first record's size, made one byte too long: the records no longer tile the chunk.
        b[RecordWalker.HEADER_BYTES] = (byte) (b[RecordWalker.HEADER_BYTES] + 1);
        Path broken = Files.write(dir.resolve("broken.jfr"), b);
        assertNotEquals(good, RecordWalker.countEvents(broken, layout.chunks()));
    }

    private static long strictCount(Path p) throws IOException {
        long n = 0;
        try (RecordingFile rf = new RecordingFile(p)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
                n++;
            }
        }
        return n;
    }
}
