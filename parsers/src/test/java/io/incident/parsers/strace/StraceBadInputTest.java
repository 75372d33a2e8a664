package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ClockKind;
import io.incident.model.Diagnostic;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are broken in one way each: the exact error or diagnostic, and everything good kept. */
class StraceBadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Diagnostic diagnostic(Source s, String name) {
        return s.diagnostics().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic " + name + " in " + s.diagnostics()));
    }

    @Test
    void binaryGarbageIsNotStrace() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Path p = dir.resolve("junk.strace");
        Files.write(p, junk);
        ArtifactException e = assertThrows(ArtifactException.class, () -> StraceTesting.read(p));
        assertEquals("line 1", e.where());
        assertTrue(e.expected().startsWith("strace output"), e.getMessage());
    }

    @Test
    void garbageAfterGoodLinesIsCountedAndTheGoodKept() throws Exception {
        Path p = write("tail.strace", "12:00:00.000001 close(3) = 0\n\u0001\u0002binary\u0000junk\n"
                + "12:00:00.000002 close(4) = 0\n");
        Source s = StraceTesting.read(p);
        assertEquals(1L, s.summary().get("unparsedLines"));
        assertEquals(2L, s.summary().get("syscalls"));
        Diagnostic d = diagnostic(s, "unparsed-line");
        assertEquals("line 2", d.firstWhere());
        assertEquals("not a strace line: \\x01\\x02binary\\x00junk", d.firstMessage());
    }

    @Test
    void lineLongerThanTheLimitIsSkippedAndNamed() throws Exception {
        String longLine = "12:00:00.000002 write(1, \"" + "x".repeat(5000) + "\", 5000) = 5000\n";
        Path p = write("long.strace", "12:00:00.000001 close(3) = 0\n" + longLine + "12:00:00.000003 close(4) = 0\n");
        Limits small = new Limits(Limits.DEFAULT.maxRecordBytes(), 1024, Limits.DEFAULT.maxStackDepth(),
                Limits.DEFAULT.maxDecompressedBytes(), Limits.DEFAULT.maxCompressionRatio(),
                Limits.DEFAULT.maxBundleEntries());
        Source s = StraceTesting.read(p, small);
        Diagnostic d = diagnostic(s, "line-too-long");
        assertEquals("line 2", d.firstWhere());
        assertTrue(d.firstMessage().contains("maxLineBytes (1024)"), d.firstMessage());
        assertEquals(2L, s.summary().get("syscalls"));
        assertEquals(3L, s.summary().get("lines"));
        assertEquals(0L, s.summary().get("unparsedLines"));
    }

    @Test
    void resumedWithoutUnfinishedStartsAtItsOwnLine() throws Exception {
        Path p = write("orphan.strace", "101 12:00:00.500000 <... read resumed>\"abc\", 10) = 3 <0.250000>\n"
                + "101 12:00:00.600000 close(3) = 0 <0.000010>\n");
        Source s = StraceTesting.read(p);
        Diagnostic d = diagnostic(s, "resumed-without-unfinished");
        assertEquals("line 1", d.firstWhere());
        SpanTrack t = (SpanTrack) s.tracks().get(0);
        assertEquals("read", s.label(t.label(0)));
        assertEquals(12 * 3600_000_000_000L + 500_000_000L, t.start(0));
        assertEquals(250_000_000L, t.end(0) - t.start(0));
        assertEquals("...\"abc\", 10", s.argsOf(t.args(0)).get("args"));
        assertEquals(2L, s.summary().get("syscalls"));
    }

    @Test
    void midnightWrapAddsADay() throws Exception {
        Path p = write("midnight.strace", "7 23:59:59.900000 read(0, \"\", 1) = 0\n"
                + "7 23:59:59.999999 write(1, \"a\", 1) = 1\n"
                + "7 00:00:00.000100 close(3) = 0\n"
                + "7 00:00:01.000000 close(4) = -1 EBADF (Bad file descriptor)\n");
        Source s = StraceTesting.read(p);
        assertEquals(ClockKind.TIME_OF_DAY, s.clockKind());
        InstantTrack t = (InstantTrack) s.tracks().get(0);
        long day = 86_400_000_000_000L;
        assertEquals(day - 100_000_000L, t.time(0));
        assertEquals(day + 100_000L, t.time(2));
        assertEquals(day + 1_000_000_000L, t.time(3));
        assertEquals("close", s.label(t.label(3)));
        assertEquals(Map.of("EBADF", 1L), s.summary().get("errors"));
    }

    @Test
    void gluedNoteIsSplitAndTheCallJoinedWithItsResumption() throws Exception {
        Path p = write("glued.strace", "[pid 10] 12:00:00.000001 clone3({flags=CLONE_VM|CLONE_FILES|CLONE_THREAD}, 88"
                + "strace: Process 11 attached\n"
                + "[pid 10] 12:00:00.000050 <... clone3 resumed>) = 11\n"
                + "[pid 11] 12:00:00.000060 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3\n"
                + "[pid 10] 12:00:00.000070 close(3) = 0\n");
        Source s = StraceTesting.read(p);
        assertEquals("line 1", diagnostic(s, "glued-lines").firstWhere());
        assertEquals(0L, s.summary().get("unparsedLines"));
        assertEquals(3L, s.summary().get("syscalls"));
        InstantTrack calls = (InstantTrack) s.tracks().get(0);
        assertEquals("clone3", s.label(calls.label(0)));
        assertEquals("11", s.argsOf(calls.args(0)).get("ret"));
        // The thread shares its process's fd table: its open and the leader's close are one fd lifetime.
        SpanTrack fds = (SpanTrack) s.tracks().stream().filter(t -> t.name().equals("fds")).findFirst().orElseThrow();
        assertEquals("pid 10", fds.group());
        assertEquals(1, fds.size());
        assertEquals("/etc/passwd", s.label(fds.label(0)));
        assertEquals("close", s.argsOf(fds.args(0)).get("closed by"));
        InstantTrack notes = (InstantTrack) s.tracks().stream().filter(t -> t.name().equals("process events"))
                .findFirst().orElseThrow();
        assertEquals("strace: Process 11 attached", s.label(notes.label(0)));
    }

    @Test
    void truncatedLastLineIsATailDiagnosticNotAnUnparsedLine() throws Exception {
        Path p = write("cut.strace", "5 12:00:00.000001 close(3) = 0\n5 12:00:00.000002 openat(AT_FDCWD, \"/et");
        Source s = StraceTesting.read(p);
        assertEquals("line 2", diagnostic(s, "truncated-tail").firstWhere());
        assertEquals(0L, s.summary().get("unparsedLines"));
        assertEquals(1L, s.summary().get("syscalls"));
    }

    @Test
    void emptyFileIsAnEmptySource() throws Exception {
        Source s = StraceTesting.read(write("empty.strace", ""));
        assertEquals(0L, s.summary().get("lines"));
        assertEquals(0, s.tracks().size());
    }
}
