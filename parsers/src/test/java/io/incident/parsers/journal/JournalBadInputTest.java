package io.incident.parsers.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostic;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import io.incident.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One case per broken input, each asserting the exact error or diagnostic and what was kept. */
class JournalBadInputTest {
    @TempDir
    Path dir;

    private static String diagnostics(Source s) {
        return s.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void binaryLengthPastTheEndKeepsEarlierEntriesAndNamesTheByte() throws Exception {
        Corpus.assume();
        Path file = Corpus.root().resolve("journal/malformed/derived_binary_field_length_overflow.export");
        Source s = JournalFiles.read(file);
        assertEquals(3L, s.summary().get("entries"));
        assertEquals(pastEnd(file), diagnostics(s));
    }

    /** The expected diagnostic, from the first binary field's length found by a separate scan of the file. */
    private static String pastEnd(Path file) throws Exception {
        long at = firstBinaryLengthOffset(Files.readAllBytes(file));
        return "binary-field-past-end x1 (ERROR, first at byte " + at + ": binary field 'MESSAGE' announces "
                + lengthAt(file, at) + " bytes but only " + (Files.size(file) - at - 8)
                + " remain in the file (truncated file or corrupt length); entries from here on are lost)";
    }

    @Test
    void binaryLengthPastTheEndIsTheSameWhenFedByteByByte() throws Exception {
        Corpus.assume();
        Path file = Corpus.root().resolve("journal/malformed/derived_binary_field_length_overflow.export");
        assertEquals(diagnostics(JournalFiles.read(file)), diagnostics(JournalFiles.readThrottled(file, 1)));
    }

    @Test
    void truncatedExportKeepsEveryCompleteEntry() throws Exception {
        Corpus.assume();
        // head -c 4321 cuts the fourth entry inside its binary MESSAGE: the length then points past the end.
        Path file = Corpus.root().resolve("journal/malformed/derived_truncated_export.export");
        Source s = JournalFiles.read(file);
        assertEquals(3L, s.summary().get("entries"));
        assertEquals(pastEnd(file), diagnostics(s));
    }

    @Test
    void exportCutBetweenFieldsDropsTheLastEntryWithAWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.export"),
                "__REALTIME_TIMESTAMP=1000000\nMESSAGE=a\n\n__REALTIME_TIMESTAMP=2000000\nMESS");
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("truncated-entry x1 (WARNING, first at byte 40: the last entry is cut off by the end of the file "
                + "(no empty line ends it); it was dropped)", diagnostics(s));
    }

    @Test
    void invalidJournalFileIsAnErrorAtTheMissingLength() throws Exception {
        Corpus.assume();
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> JournalFiles.read(Corpus.root().resolve("journal/malformed/s4_invalid.journal")));
        assertEquals("s4_invalid.journal: byte 8: expected the 64-bit length of binary field 'INVALID', found the end of "
                + "the file", e.getMessage());
    }

    @Test
    void binaryLengthAboveTheLimitNamesTheSetting() throws Exception {
        byte[] huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        Path file = new JournalFiles.Export().entry("__REALTIME_TIMESTAMP", "1", "MESSAGE", "ok")
                .raw("MESSAGE\n".getBytes(StandardCharsets.US_ASCII)).raw(huge).raw(new byte[64]).write(dir, "big.export");
        // The file is too short for the length, so the remaining-size check fires first; gzip hides the size.
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("binary-field-past-end", s.diagnostics().get(0).name());
        Path gz = dir.resolve("big.export.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(file));
        }
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> JournalFiles.read(gz));
        assertEquals("maxRecordBytes", e.setting());
        assertEquals("byte 43", e.where());
    }

    @Test
    void garbageTextIsAnErrorAtItsFirstLine() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.export"), "hello world\nsecond line\n\n");
        ArtifactException e = assertThrows(ArtifactException.class, () -> JournalFiles.read(file));
        assertEquals("notes.export: byte 0: expected a journal export field (NAME=value, or a binary field name "
                + "followed by its 64-bit length)", e.getMessage());
    }

    @Test
    void badLineInsideAnEntryIsCountedAndTheEntryKept() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.export"),
                "__REALTIME_TIMESTAMP=1000000\nlower=case\nMESSAGE=kept\n\n");
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("bad-field-line x1 (WARNING, first at byte 29: line is neither NAME=value nor a binary field "
                + "name (names are A-Z, 0-9 and _); skipped)", diagnostics(s));
    }

    @Test
    void binaryDataNotFollowedByNewlineStopsWithTheByte() throws Exception {
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2).array();
        Path file = new JournalFiles.Export().entry("__REALTIME_TIMESTAMP", "1")
                .raw("MESSAGE\n".getBytes(StandardCharsets.US_ASCII)).raw(len).raw("abX\n\n".getBytes(StandardCharsets.US_ASCII))
                .write(dir, "unterminated.export");
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("binary-field-unterminated x1 (ERROR, first at byte 42: expected a newline after the 2 bytes of "
                + "binary field 'MESSAGE' (length at byte 32))", diagnostics(s));
    }

    @Test
    void truncatedJsonKeepsCompleteEntries() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.json"), "{\"__REALTIME_TIMESTAMP\":\"1000\",\"MESSAGE\":\"a\"}\n"
                + "{\"__REALTIME_TIMESTAMP\":\"2000\",\"MESS");
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("truncated-entry x1 (WARNING, first at line 2: the last entry is cut off by the end of the file; "
                + "it was dropped)", diagnostics(s));
    }

    @Test
    void jsonStringLongerThanTheRecordLimitNamesTheSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("big.json"), "{\"__REALTIME_TIMESTAMP\":\"1000\",\"MESSAGE\":\""
                + "m".repeat(200_000) + "\"}\n");
        ReadContext ctx = JournalFiles.context(file, SourceKind.JOURNAL_JSON);
        Limits small = new Limits(100_000, ctx.limits().maxLineBytes(), ctx.limits().maxStackDepth(),
                ctx.limits().maxDecompressedBytes(), ctx.limits().maxCompressionRatio(), ctx.limits().maxBundleEntries());
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new JournalJsonReader().read(
                new ReadContext(file, ctx.info(), small, Progress.NONE, Cancellation.none())));
        assertEquals("maxRecordBytes", e.setting());
        assertEquals("big.json: line 1: the length of a JSON value in the entry starting at this line exceeds the limit "
                + "of 100000 (raise -Dworkbench.limits.maxRecordBytes if the file is genuine)", e.getMessage());
    }

    @Test
    void jsonThatIsNotObjectsIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("list.json"), "[1, 2]\n");
        ArtifactException e = assertThrows(ArtifactException.class, () -> JournalFiles.read(file));
        assertEquals("list.json: line 1: expected a JSON object (one journal entry), found [", e.getMessage());
    }

    @Test
    void sseLineWithoutDataPrefixStopsWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json-sse"), "data: {\"__REALTIME_TIMESTAMP\":\"1000\"}\n\n"
                + "event: ping\n\n");
        Source s = JournalFiles.read(file);
        assertEquals(1L, s.summary().get("entries"));
        assertEquals("bad-sse-line x1 (ERROR, first at line 3: expected a json-sse line starting with 'data: '; the "
                + "rest of the file was not read)", diagnostics(s));
    }

    @Test
    void entryWithoutUsableTimeIsCountedButNotPlaced() throws Exception {
        Path file = Files.writeString(dir.resolve("notime.export"), "MESSAGE=no time\n\n__REALTIME_TIMESTAMP=5\n\n"
                + "__REALTIME_TIMESTAMP=99999999999999999\n\n");
        Source s = JournalFiles.read(file);
        assertEquals(3L, s.summary().get("entries"));
        assertEquals(1, s.eventCount());
        assertEquals("entry-without-time x2 (WARNING, first at byte 0: entry has no usable __REALTIME_TIMESTAMP; counted "
                + "but not placed on the timeline)", diagnostics(s));
    }

    @Test
    void fieldLongerThanTheLineLimitIsSkippedAndTheEntryKept() throws Exception {
        String huge = "y".repeat(3 << 20);
        Path file = new JournalFiles.Export().entry("__REALTIME_TIMESTAMP", "1", "_COMM", "app", "BIG", huge,
                "MESSAGE", "after")
                .entry("__REALTIME_TIMESTAMP", "2", "_COMM", "app", "MESSAGE", "next").write(dir, "long.export");
        for (Source s : List.of(JournalFiles.read(file), JournalFiles.readThrottled(file, 7))) {
            assertEquals(2L, s.summary().get("entries"));
            assertEquals("field-too-long x1 (WARNING, first at byte 33: a field line is longer than 1048576 bytes "
                    + "(raise -Dworkbench.limits.maxLineBytes); it was skipped)", diagnostics(s));
            InstantTrack app = (InstantTrack) s.tracks().get(0);
            assertEquals("after", s.label(app.label(0)));
            assertEquals("next", s.label(app.label(1)));
        }
    }

    @Test
    void progressIsReportedAndCancellationStopsTheRead() throws Exception {
        JournalFiles.Export export = new JournalFiles.Export();
        for (int i = 0; i < 20_000; i++) {
            export.entry("__REALTIME_TIMESTAMP", Integer.toString(1_000_000 + i), "MESSAGE", "line " + i + " " + "z".repeat(100));
        }
        Path file = export.write(dir, "many.export");
        List<Long> done = new ArrayList<>();
        ReadContext ctx = JournalFiles.context(file, SourceKind.JOURNAL_EXPORT);
        new JournalExportReader().read(new ReadContext(file, ctx.info(), ctx.limits(), (d, total) -> done.add(d),
                ctx.cancellation()));
        assertTrue(done.size() >= 2, done.toString());
        assertEquals(Files.size(file), done.get(done.size() - 1));
        Cancellation cancelled = Cancellation.none();
        cancelled.cancel();
        assertThrows(CancellationException.class, () -> new JournalExportReader().read(new ReadContext(file,
                ctx.info(), ctx.limits(), Progress.NONE, cancelled)));
    }

    private static long firstBinaryLengthOffset(byte[] b) {
        // A binary field is a name line without '=' inside an entry; scan lines until the first one.
        int lineStart = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                String line = new String(b, lineStart, i - lineStart, StandardCharsets.ISO_8859_1);
                if (!line.isEmpty() && !line.contains("=")) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        throw new AssertionError("no binary field");
    }

    private static long lengthAt(Path file, long at) throws Exception {
        byte[] b = Files.readAllBytes(file);
        return ByteBuffer.wrap(b, (int) at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
