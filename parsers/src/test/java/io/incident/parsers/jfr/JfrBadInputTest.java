package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostic;
import io.incident.model.Diagnostics;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Inputs the reader must refuse with a precise error, or read in part with a named diagnostic. */
class JfrBadInputTest {
    @TempDir
    Path dir;

    static byte[] header(int major, int minor, long size, int length) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(length, 16));
        b.put(new byte[] {'F', 'L', 'R', 0}).putShort((short) major).putShort((short) minor).putLong(size);
        return Arrays.copyOf(b.array(), length);
    }

    static Stream<Arguments> refused() {
        byte[] notJfr = new byte[64];
        System.arraycopy("NOTAJFR!".getBytes(), 0, notJfr, 0, 8);
        return Stream.of(
                Arguments.of("empty", new byte[0], "byte 0", "a JFR chunk header expected: the recording is empty"),
                Arguments.of("header cut", header(2, 1, 4096, 8), "byte 0",
                        "a complete first chunk header expected: it declares 64 bytes but only 8 are available"),
                Arguments.of("wrong magic", notJfr, "byte 0", "JFR chunk magic FLR\\0 expected"),
                Arguments.of("JDK 8", header(0, 9, 4096, 64), "byte 0", "JFR format 0.9 (JDK 7/8 or JRockit) is not"
                        + " readable by the JDK 17 API; open it in JDK Mission Control 7 or re-record on JDK 11+"),
                Arguments.of("future", header(3, 0, 4096, 64), "byte 0",
                        "JFR format 3.0 is not readable by the JDK 17 API (it reads 1.x and 2.x)"),
                Arguments.of("size too small", header(2, 1, 10, 64), "byte 8",
                        "chunk size of at least 64 bytes expected, the header declares 10"),
                Arguments.of("body cut", header(2, 1, 4096, 100), "byte 0",
                        "a complete first chunk expected: it declares 4096 bytes but only 100 are available"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithPlaceAndReason(String name, byte[] content, String where, String expected) throws IOException {
        Path f = dir.resolve(name.replace(' ', '_') + ".jfr");
        Files.write(f, content);
        ArtifactException e = assertThrows(ArtifactException.class, () -> JfrTestFiles.read(f));
        assertEquals(where, e.where());
        assertEquals(expected, e.expected());
        assertTrue(e.getMessage().startsWith(f.getFileName() + ": " + where + ": "), e.getMessage());
    }

    @Test
    void aCompleteHeaderOverGarbageIsRefusedByTheApi() throws IOException {
        Path f = dir.resolve("garbage.jfr");
        byte[] b = Arrays.copyOf(header(2, 1, 200, 64), 200);
        ByteBuffer.wrap(b).putLong(24, 100); // a metadata offset inside the chunk, pointing at zeros
        Files.write(f, b);
        ArtifactException e = assertThrows(ArtifactException.class, () -> JfrTestFiles.read(f));
        assertEquals("byte 0", e.where());
        assertTrue(e.expected().startsWith("a chunk the JDK API can read expected: "), e.expected());
    }

    /**
     * Found by the fuzzer: the JDK's reader waits for ever on a chunk whose header says it is still being written
     * (a live repository file would get finished; a copied one never does), or whose header has no metadata offset.
     * Such a chunk is refused before the JDK sees it.
     */
    @ParameterizedTest(name = "file state {0}, metadata at {1}")
    @CsvSource({"149, 0", "255, 100", "1, 100", "0, 0", "0, 4096"})
    @Timeout(10)
    void anUnfinishedChunkIsRefusedNotWaitedFor(int state, long metadata) throws IOException {
        Path f = dir.resolve("unfinished-" + state + "-" + metadata + ".jfr");
        byte[] b = Arrays.copyOf(header(2, 1, 200, 64), 200);
        ByteBuffer.wrap(b).putLong(24, metadata).put(64, (byte) state);
        Files.write(f, b);
        ArtifactException e = assertThrows(ArtifactException.class, () -> JfrTestFiles.read(f));
        assertEquals("byte 0", e.where());
        assertTrue(e.expected().startsWith("a finished JFR chunk expected: "
                + (state != 0 ? "is not finished (file state " + state + ")" : "has no metadata within it")),
                e.expected());
    }

    @Test
    void truncatedLastChunkKeepsTheCompleteOnes() throws Exception {
        Path multi = JfrTestFiles.corpus("jfr/jmc_jdk15.jfr");
        ChunkScanner.Layout layout = layoutOf(multi);
        ChunkHeader second = layout.chunks().get(1);
        Path cut = dir.resolve("cut.jfr");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(multi), (int) (second.offset() + second.size() / 2)));
        Path firstOnly = dir.resolve("first.jfr");
        Files.write(firstOnly, Arrays.copyOf(Files.readAllBytes(multi), (int) second.offset()));

        Source s = JfrTestFiles.read(cut);
        assertEquals(bareCount(firstOnly), s.summary().get("events"));
        assertEquals(1, s.summary().get("chunks"));
        Diagnostic d = only(s);
        assertEquals("truncated-chunk", d.name());
        assertEquals("byte " + second.offset(), d.firstWhere());
        assertEquals("chunk 2 declares " + second.size() + " bytes but only " + (second.size() / 2)
                + " are available (file cut while being written?); the 1 complete chunk(s) before it are kept",
                d.firstMessage());
    }

    @Test
    void bytesAfterTheLastChunkAreReportedAndIgnored() throws Exception {
        Path pid1 = JfrTestFiles.corpus("jfr/jmc_pid1.jfr");
        Path f = dir.resolve("tail.jfr");
        byte[] orig = Files.readAllBytes(pid1);
        byte[] withTail = Arrays.copyOf(orig, orig.length + 100);
        Files.write(f, withTail);
        Source s = JfrTestFiles.read(f);
        assertEquals(bareCount(pid1), s.summary().get("events"));
        Diagnostic d = only(s);
        assertEquals("trailing-bytes", d.name());
        assertEquals("byte " + orig.length, d.firstWhere());
    }

    @Test
    void gzipBombStopsAtTheDecompressionLimit() {
        Path gz = JfrTestFiles.corpus("jfr/jmc_io_test.jfr.gz");
        Limits small = new Limits(Limits.DEFAULT.maxRecordBytes(), Limits.DEFAULT.maxLineBytes(),
                Limits.DEFAULT.maxStackDepth(), 100_000, Limits.DEFAULT.maxCompressionRatio(),
                Limits.DEFAULT.maxBundleEntries());
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> JfrTestFiles.read(gz, small));
        assertEquals("maxDecompressedBytes", e.setting());
    }

    @Test
    void truncatedGzipIsJudgedByTheChunksThatInflated() throws Exception {
        Path pid1 = JfrTestFiles.corpus("jfr/made_jdk17_workload_default.jfr");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Files.readAllBytes(pid1));
        }
        Path f = dir.resolve("cut.jfr.gz");
        Files.write(f, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        ArtifactException e = assertThrows(ArtifactException.class, () -> JfrTestFiles.read(f));
        assertEquals("byte 0", e.where());
        assertTrue(e.expected().startsWith("a complete first chunk expected: it declares " + Files.size(pid1)
                + " bytes but only "), e.expected());
    }

    @Test
    void cancellationStopsTheReadAndProgressEndsAtTheEnd() throws Exception {
        Path file = JfrTestFiles.corpus("jfr/jmc_jdk15.jfr");
        SourceInfo info = new SourceInfo("jdk15", SourceKind.JFR,
                Files.size(file), "");
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        assertThrows(CancellationException.class, () -> new JfrReader().read(
                new ReadContext(file, info, Limits.DEFAULT, Progress.NONE,
                        cancelled)));
        long[] last = {-1, -1};
        new JfrReader().read(new ReadContext(file, info, Limits.DEFAULT, (done, total) -> {
            last[0] = done;
            last[1] = total;
        }, new Cancellation()));
        assertEquals(Files.size(file), last[0]);
        assertEquals(Files.size(file), last[1]);
    }

    static ChunkScanner.Layout layoutOf(Path p) throws Exception {
        try (var in = Files.newInputStream(p)) {
            return new ChunkScanner("t", new Diagnostics(), Progress.NONE, -1)
                    .scan(in);
        }
    }

    static long bareCount(Path p) throws IOException {
        return io.incident.parsers.jfr.bench.JfrBench.bareCount(p);
    }

    private static Diagnostic only(Source s) {
        assertEquals(1, s.diagnostics().size(), () -> s.diagnostics().toString());
        return s.diagnostics().get(0);
    }
}
