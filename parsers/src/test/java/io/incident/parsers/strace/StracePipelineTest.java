package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import io.incident.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two-thread read ({@link LinePipeline}) against the one-thread read it must equal: every corpus file and the
 * sample cut into batches of a few lines (so batch boundaries fall everywhere, inside unfinished calls, -k stacks and
 * -c tables), errors and cancellation arriving from the reading thread, and no thread left behind.
 */
class StracePipelineTest {
    @TempDir
    Path dir;

    static Stream<Path> files() {
        List<Path> out = new ArrayList<>();
        if (Corpus.present()) {
            Stream.concat(Corpus.ofKind("strace").stream(), Corpus.ofKind("strace-malformed").stream())
                    .forEach(e -> out.add(e.path()));
        }
        Path sample = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", "service.strace")
                .toAbsolutePath();
        if (Files.exists(sample)) {
            out.add(sample);
        }
        assumeTrue(!out.isEmpty(), "neither the corpus nor sample-data is present");
        return out.stream();
    }

    private static String describe(Source s) {
        return ModelText.describe(s, Integer.MAX_VALUE);
    }

    private static Source read(Path file, InputStream in, int batchLines, int batchBytes) throws Exception {
        return new StraceReader().read(in, Files.size(file), StraceTesting.context(file, Limits.DEFAULT), batchLines,
                batchBytes);
    }

    private static Source read(Path file, int batchLines, int batchBytes) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in, batchLines, batchBytes);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("strace lines "))
                .filter(Thread::isAlive).count();
    }

    @ParameterizedTest
    @MethodSource("files")
    void batchesOfAFewLinesGiveTheOneThreadModel(Path file) throws Exception {
        String inline = describe(read(file, 0, 0));
        assertEquals(inline, describe(read(file, LinePipeline.BATCH_LINES, LinePipeline.BATCH_BYTES)), file::toString);
        assertEquals(inline, describe(read(file, 3, 1 << 10)), file::toString);
        assertEquals(inline, describe(read(file, 1, 64)), file::toString);
        try (InputStream in = new ThrottledInputStream(Files.newInputStream(file), 7)) {
            assertEquals(inline, describe(read(file, in, 2, 256)), file::toString);
        }
        assertEquals(0, readerThreads());
    }

    @Test
    void anUnfinishedCallAndItsResumptionInDifferentBatchesAreJoined() throws Exception {
        Path p = write("split.strace", "10 12:00:00.000001 futex(0x7f00, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>\n"
                + "11 12:00:00.000002 close(3) = 0 <0.000001>\n"
                + "10 12:00:00.000005 <... futex resumed>) = 0 <0.000004>\n");
        for (int lines = 1; lines <= 3; lines++) {
            Source s = read(p, lines, 64);
            assertEquals(describe(read(p, 0, 0)), describe(s));
            SpanTrack futex = (SpanTrack) s.tracks().stream().filter(t -> t.name().equals("syscalls 10")).findFirst()
                    .orElseThrow();
            assertEquals(1, futex.size());
            assertEquals("0x7f00, FUTEX_WAIT_PRIVATE, 0, NULL", s.argsOf(futex.args(0)).get("args"));
            assertEquals(4_000L, futex.end(0) - futex.start(0));
        }
    }

    @Test
    void aLineLongerThanABatchGrowsItAndALineOverTheLimitIsCut() throws Exception {
        String longArgs = "x".repeat(5000);
        Path p = write("long.strace", "12:00:00.000001 write(1, \"" + longArgs + "\", 5000) = 5000\n"
                + "12:00:00.000002 write(1, \"" + "y".repeat(3000) + "\", 3000) = 3000\n"
                + "12:00:00.000003 close(1) = 0\n");
        Limits d = Limits.DEFAULT;
        Limits limits = new Limits(d.maxRecordBytes(), 4000, d.maxStackDepth(), d.maxDecompressedBytes(),
                d.maxCompressionRatio(), d.maxBundleEntries());
        ReadContext ctx = StraceTesting.context(p, limits);
        Source inline;
        try (InputStream in = Files.newInputStream(p)) {
            inline = new StraceReader().read(in, Files.size(p), ctx, 0, 0);
        }
        Source piped;
        try (InputStream in = Files.newInputStream(p)) {
            piped = new StraceReader().read(in, Files.size(p), ctx, 2, 100);
        }
        assertEquals(describe(inline), describe(piped));
        assertEquals(2L, piped.summary().get("syscalls"));
    }

    /** Fails with {@code failure} once {@code after} bytes have been read. */
    private static InputStream failingAfter(byte[] data, int after, RuntimeException runtime) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= after) {
                    if (runtime != null) {
                        throw runtime;
                    }
                    throw new IOException("device went away");
                }
                int n = super.read(b, off, Math.min(len, after - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    private static ReadContext context(Path p, Progress progress, Cancellation cancellation) throws IOException {
        return new ReadContext(p, StraceTesting.context(p, Limits.DEFAULT).info(), Limits.DEFAULT, progress,
                cancellation);
    }

    private static byte[] closes(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("12:00:00.").append(String.format("%06d", i)).append(" close(").append(i % 50).append(") = 0\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One stream failing after 3000 bytes, read on one thread and on two: both errors, which must be the same. */
    private List<ArtifactException> failBothWays(String name, RuntimeException runtime) throws IOException {
        byte[] data = closes(200);
        Path p = dir.resolve(name);
        Files.write(p, data);
        ReadContext ctx = StraceTesting.context(p, Limits.DEFAULT);
        List<ArtifactException> out = new ArrayList<>();
        for (int batchLines : new int[] {0, 16}) {
            out.add(assertThrows(ArtifactException.class, () -> new StraceReader().read(failingAfter(data, 3000,
                    runtime), data.length, ctx, batchLines, 1 << 10)));
        }
        assertEquals(out.get(0).getMessage(), out.get(1).getMessage());
        assertEquals(0, readerThreads());
        return out;
    }

    private Path closesFile(String name, int n) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, closes(n));
        return p;
    }

    @Test
    void aReadErrorAfterTheFirstBatchNamesTheSameByteAsTheOneThreadRead() throws Exception {
        ArtifactException piped = failBothWays("io.strace", null).get(1);
        assertTrue(piped.getMessage().contains("3000"), piped.getMessage());
        assertTrue(piped.getMessage().contains("device went away"), piped.getMessage());
    }

    @Test
    void aFailureOnTheReadingThreadNamesTheLineTheOneThreadReadNames() throws Exception {
        IllegalStateException boom = new IllegalStateException("stream broke");
        List<ArtifactException> both = failBothWays("rt.strace", boom);
        assertEquals(both.get(0).where(), both.get(1).where());
        assertTrue(both.get(1).where().startsWith("line "), both.get(1).where());
        assertSame(boom, both.get(1).getCause());
    }

    @Test
    void garbageFoundInALaterBatchIsRefusedAtTheSameLine() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            b.append("\u0001junk ").append(i).append('\n');
        }
        Path p = write("junk.strace", b.toString());
        ArtifactException inline = assertThrows(ArtifactException.class, () -> read(p, 0, 0));
        ArtifactException piped = assertThrows(ArtifactException.class, () -> read(p, 7, 1 << 10));
        assertEquals("line 1000", piped.where());
        assertEquals(inline.getMessage(), piped.getMessage());
        assertEquals(0, readerThreads());
    }

    @Test
    void cancellingMidFileStopsBothThreads() throws Exception {
        Path p = closesFile("cancel.strace", 200_000);
        Cancellation cancel = Cancellation.none();
        List<Long> seen = new ArrayList<>();
        ReadContext ctx = context(p, (done, total) -> {
            seen.add(done);
            cancel.cancel();
        }, cancel);
        assertThrows(CancellationException.class, () -> new StraceReader().read(ctx));
        assertEquals(1, seen.size(), "no progress after the cancel: " + seen);
        assertTrue(seen.get(0) < Files.size(p), seen.toString());
        assertEquals(0, readerThreads());
    }

    @Test
    void progressComesFromTheCallingThreadAndReachesTheEnd() throws Exception {
        Path p = closesFile("progress.strace", 100_000);
        Thread caller = Thread.currentThread();
        List<Long> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ReadContext ctx = context(p, (done, total) -> {
            seen.add(done);
            threads.add(Thread.currentThread());
        }, Cancellation.none());
        assertTrue(Files.size(p) >= StraceReader.PIPELINE_FROM, "this file must take the two-thread read");
        Source s = new StraceReader().read(ctx);
        assertEquals(100_000L, s.summary().get("syscalls"));
        assertEquals(Files.size(p), seen.get(seen.size() - 1));
        assertTrue(seen.size() >= 3, seen.toString());
        assertFalse(threads.stream().anyMatch(t -> t != caller), "progress reported off the calling thread");
        assertEquals(0, readerThreads());
    }
}
