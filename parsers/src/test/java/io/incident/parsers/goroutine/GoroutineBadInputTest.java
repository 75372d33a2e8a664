package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostic;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import io.incident.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inputs the reader must reject or survive, each with the exact error or diagnostic it must give. */
class GoroutineBadInputTest {
    private static final String NOT_A_DUMP = "a Go goroutine dump, but no goroutine header ('goroutine N [state]:'), "
            + "'goroutine profile: total N', panic, fatal error or race report was found";

    private static GoroutineDump parse(String text, Limits limits) throws ArtifactException {
        return parse(text.getBytes(StandardCharsets.UTF_8), limits);
    }

    private static GoroutineDump parse(byte[] bytes, Limits limits) throws ArtifactException {
        return GoroutineDumpReader.parse(new ByteArrayInputStream(bytes), "test.txt", limits);
    }

    private static Diagnostic diagnostic(GoroutineDump d, String name) {
        return d.source().diagnostics().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic " + name + " in " + d.source().diagnostics()));
    }

    @Test
    void binaryGarbageIsNotADump() {
        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        ArtifactException e = assertThrows(ArtifactException.class, () -> parse(garbage, Limits.DEFAULT));
        assertEquals(NOT_A_DUMP, e.expected());
        assertTrue(e.where().startsWith("line "), e.where());
    }

    @Test
    void emptyInputIsNotADump() {
        ArtifactException e = assertThrows(ArtifactException.class, () -> parse("", Limits.DEFAULT));
        assertEquals("line 0", e.where());
        assertEquals(NOT_A_DUMP, e.expected());
    }

    @Test
    void headerWithABadIdIsSkippedAndCounted() throws Exception {
        GoroutineDump d = parse("goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1d\n\n"
                + "goroutine 12x [chan receive]:\nmain.f()\n\t/src/main.go:20 +0x1d\n\n"
                + "goroutine 99999999999999999999 [select]:\nmain.g()\n\t/src/main.go:30 +0x1d\n", Limits.DEFAULT);
        assertEquals(1, d.goroutineCount());
        Diagnostic bad = diagnostic(d, "bad-goroutine-header");
        assertEquals(2, bad.count());
        assertEquals("line 5", bad.firstWhere());
        assertEquals("expected 'goroutine <id> [<state>]:' but got: goroutine 12x [chan receive]:", bad.firstMessage());
    }

    @Test
    void lineLongerThanTheLimitIsCutAndCounted() throws Exception {
        Limits small = new Limits(Limits.DEFAULT.maxRecordBytes(), 64, Limits.DEFAULT.maxStackDepth(),
                Limits.DEFAULT.maxDecompressedBytes(), Limits.DEFAULT.maxCompressionRatio(),
                Limits.DEFAULT.maxBundleEntries());
        String longFunction = "main.f" + "x".repeat(200) + "()";
        GoroutineDump d = parse("goroutine 1 [running]:\n" + longFunction + "\n\t/src/main.go:10 +0x1d\nmain.main()\n"
                + "\t/src/main.go:20 +0x1d\n", small);
        Diagnostic cut = diagnostic(d, "line-too-long");
        assertEquals(1, cut.count());
        assertEquals("line 2", cut.firstWhere());
        assertEquals("line longer than maxLineBytes=64 bytes; its first 64 bytes were kept", cut.firstMessage());
        assertEquals(1, d.goroutineCount(), "the goroutine is still there");
        assertEquals(List.of("main.main", ("main.f" + "x".repeat(200)).substring(0, 64)),
                d.functions(d.goroutines().get(0).stack()), "with both frames, the long one cut at 64 bytes");
        assertEquals(List.of("line-too-long"), d.source().diagnostics().stream().map(Diagnostic::name).toList());
    }

    @Test
    void stackDeeperThanTheLimitIsCutAtTheRoot() throws Exception {
        Limits shallow = new Limits(Limits.DEFAULT.maxRecordBytes(), Limits.DEFAULT.maxLineBytes(), 3,
                Limits.DEFAULT.maxDecompressedBytes(), Limits.DEFAULT.maxCompressionRatio(),
                Limits.DEFAULT.maxBundleEntries());
        StringBuilder text = new StringBuilder("goroutine 7 [select]:\n");
        for (int i = 1; i <= 5; i++) {
            text.append("main.f").append(i).append("(0xc000010000, 0x5)\n\t/src/main.go:").append(i).append(" +0x1d\n");
        }
        GoroutineDump d = parse(text.toString(), shallow);
        Diagnostic cut = diagnostic(d, "stack-cut");
        assertEquals(1, cut.count());
        assertEquals("goroutine 7 has 5 frames, more than maxStackDepth=3; the frames nearest the root were dropped",
                cut.firstMessage());
        Goroutine g = d.goroutines().get(0);
        assertEquals(List.of("main.f3", "main.f2", "main.f1"), d.functions(g.stack()));
        assertTrue(g.elided());
    }

    @Test
    void dumpCutOffMidGoroutineIsTruncatedNotFailed() throws Exception {
        Corpus.assume();
        byte[] whole = Files.readAllBytes(Corpus.root().resolve("goroutine/panicparse_static_panicweb_debug2.txt"));
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.indexOf("\n", text.indexOf("goroutine 1 [chan receive")) + 5;
        GoroutineDump d = parse(Arrays.copyOf(whole, cut), Limits.DEFAULT);
        assertTrue(d.truncated());
        assertEquals(Boolean.TRUE, d.source().summary().get("truncated"));
        Diagnostic t = diagnostic(d, "truncated");
        assertEquals("byte " + cut, t.firstWhere());
        assertEquals("the dump ends inside goroutine 1 (cut off, as pprof does at 64 MB); what came before is kept",
                t.firstMessage());
        assertEquals(2, d.goroutineCount(), "goroutine 135 whole and goroutine 1 as far as it goes");
    }

    @Test
    void unknownLinesAreNamedAndCounted() throws Exception {
        GoroutineDump d = parse("2026/11/22 12:50:11 starting\ngoroutine 3 [IO wait, 5 minutes]:\n"
                + "internal/poll.runtime_pollWait(0x7f, 0x72)\n\t/go/src/runtime/netpoll.go:305 +0x89\n"
                + "\n2026/11/22 12:50:12 done\nexit status 2\n", Limits.DEFAULT);
        assertEquals(3, diagnostic(d, "log-line").count());
        assertEquals("line 1", diagnostic(d, "log-line").firstWhere());
        assertEquals(5, d.goroutines().get(0).waitMinutes());
        assertEquals("IO wait", d.goroutines().get(0).state());
    }
}
