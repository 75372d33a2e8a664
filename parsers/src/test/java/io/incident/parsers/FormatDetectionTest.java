package io.incident.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.SourceKind;
import io.incident.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every artifact of the corpus is recognised by its content: under its own name, renamed, and cut short. */
class FormatDetectionTest {
    /** Manifest kind to the kinds detection may answer. Reference outputs and binary journals are not artifacts we read. */
    private static final Map<String, Set<SourceKind>> EXPECTED = Map.ofEntries(
            Map.entry("goroutine", Set.of(SourceKind.GOROUTINE_DUMP)),
            Map.entry("jfr", Set.of(SourceKind.JFR)),
            Map.entry("jfr-malformed", Set.of(SourceKind.JFR)),
            Map.entry("pcap", Set.of(SourceKind.PCAP, SourceKind.PCAPNG)),
            Map.entry("pcap-malformed", Set.of(SourceKind.PCAP, SourceKind.PCAPNG)),
            Map.entry("pprof", Set.of(SourceKind.PPROF)),
            Map.entry("pprof-malformed", Set.of(SourceKind.PPROF)),
            Map.entry("strace", Set.of(SourceKind.STRACE)),
            Map.entry("strace-malformed", Set.of(SourceKind.STRACE)),
            Map.entry("journal", Set.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)),
            Map.entry("journal-malformed", Set.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)));

    static Stream<Arguments> artifacts() {
        return Corpus.entries().stream()
                .filter(e -> EXPECTED.containsKey(e.kind()))
                .filter(e -> !isReference(e))
                .map(e -> Arguments.of(e.file(), e));
    }

    /** Corpus files that are a tool's human-readable reference output or a deliberately foreign file, not an artifact. */
    private static boolean isReference(Corpus.Entry e) {
        String n = e.notes().toLowerCase();
        return n.contains("- reference") || n.contains("negative test") || e.size() == 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void recognisedByContent(String name, Corpus.Entry e) throws IOException {
        Detection d = Formats.detect(e.path());
        assertTrue(EXPECTED.get(e.kind()).contains(d.kind()), name + " detected as " + d.kind() + ": " + d.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void recognisedWhenRenamedAndWhenCutShort(String name, Corpus.Entry e, @TempDir Path tmp) throws IOException {
        Detection whole = Formats.detect(e.path());
        Path renamed = tmp.resolve("renamed.txt");
        Files.copy(e.path(), renamed);
        assertEquals(whole.kind(), Formats.detect(renamed).kind(), "renaming changed the detection of " + name);
        if (e.size() > 4096 && !whole.gzipped()) {
            Path cut = tmp.resolve("cut.bin");
            try (InputStream in = Files.newInputStream(e.path())) {
                Files.write(cut, in.readNBytes((int) (e.size() / 2)));
            }
            assertEquals(whole.kind(), Formats.detect(cut).kind(), "truncating changed the detection of " + name);
        }
    }

    @Test
    void referenceOutputsAndForeignFilesAreUnknownWithAReason() throws IOException {
        for (Corpus.Entry e : Corpus.entries()) {
            if (e.kind().endsWith("-expected") || e.kind().equals("journal-binary") || isReference(e)) {
                Detection d = Formats.detect(e.path());
                assertEquals(SourceKind.UNKNOWN, d.kind(), e.file());
                assertFalse(d.reason().isBlank(), "no reason for " + e.file());
            }
        }
    }

    @Test
    void binaryJournalsAndXzAreNamedInTheReason(@TempDir Path tmp) throws IOException {
        Path journal = tmp.resolve("system.journal");
        Files.write(journal, "LPKSHHRH\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(Formats.detect(journal).reason().contains("journalctl"));
        Path empty = tmp.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals("empty file", Formats.detect(empty).reason());
    }

    @Test
    void gzipWrappedContentIsLookedInto(@TempDir Path tmp) throws IOException {
        Corpus.assume();
        Path src = Corpus.root().resolve("goroutine/made_crash_divide.txt");
        Path gz = tmp.resolve("dump.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(src, out);
        }
        Detection d = Formats.detect(gz);
        assertTrue(d.gzipped());
        // Goroutine dumps are text read as they are; a gzipped one is recognised as gzip of unknown content.
        assertEquals(SourceKind.UNKNOWN, d.kind());
        assertTrue(d.reason().startsWith("gzip containing text"), d.reason());
    }
}
