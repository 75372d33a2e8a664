package io.incident.parsers.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incident.model.Diagnostic;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.Track;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every deliberately broken file in the shared corpus, listed in {@code broken-files.psv} (the truncated and corrupted
 * files under each {@code malformed/} folder, tcpdump's crash and fuzz reproducers, pprof's fuzz inputs, the negative
 * tests of upstream suites) with what the workbench must say about it, as the import does: detection by content, then
 * the detected reader.
 *
 * <ul>
 *   <li>{@code unknown}: detection refuses the file; the reason contains the detail.</li>
 *   <li>{@code error}: the reader throws its one error type; the message names the file and contains the detail.</li>
 *   <li>{@code read}: the reader keeps what is good; the detail is the exact set of diagnostics it reports ({@code -}
 *       for none), and at least {@code kept} events survive.</li>
 * </ul>
 */
class BrokenFilesTest {
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvFileSource(resources = "broken-files.psv", delimiter = '|')
    void saysWhatIsWrong(String file, String expect, String detail, int kept) throws Exception {
        Corpus.assume();
        Path p = Corpus.root().resolve(file);
        Detection d = Formats.detect(p);
        if (expect.equals("unknown")) {
            assertFalse(d.isKnown(), () -> file + " was taken for " + d.kind());
            assertTrue(d.reason().contains(detail), () -> "reason: " + d.reason());
            return;
        }
        assertTrue(d.isKnown(), () -> file + " not recognised: " + d.reason());
        ReadContext ctx = new ReadContext(p, new SourceInfo(file, d.kind(), Files.size(p), ""), Limits.DEFAULT,
                Progress.NONE, Cancellation.none());
        Source source;
        try {
            source = d.reader().read(ctx);
        } catch (ArtifactException e) {
            if (!expect.equals("error")) {
                throw e;
            }
            assertTrue(e.getMessage().startsWith(file + ":"), () -> "the message names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains(detail), () -> "message: " + e.getMessage());
            return;
        }
        if (expect.equals("error")) {
            fail(file + " was read, but it should be refused with '" + detail + "'; diagnostics " + source.diagnostics());
        }
        List<String> want = detail.equals("-") ? List.of() : Arrays.asList(detail.trim().split("\\s+"));
        assertEquals(new TreeSet<>(want), new TreeSet<>(source.diagnostics().stream().map(Diagnostic::name).toList()),
                () -> "diagnostics: " + source.diagnostics());
        for (Diagnostic x : source.diagnostics()) {
            assertFalse(x.firstWhere().isBlank(), () -> "a diagnostic says where: " + x);
            assertFalse(x.firstMessage().isBlank(), () -> "a diagnostic says what: " + x);
        }
        long events = source.tracks().stream().mapToLong(Track::size).sum();
        assertTrue(events >= kept, () -> "kept " + events + " events, expected at least " + kept);
    }

    /** The table covers every file the corpus manifest marks as malformed, a fuzz or crash case, or a negative test. */
    @Test
    void tableCoversEveryBrokenFileOfTheManifest() throws Exception {
        Corpus.assume();
        String table;
        try (var in = BrokenFilesTest.class.getResourceAsStream("broken-files.psv")) {
            table = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (Corpus.Entry e : Corpus.entries()) {
            String n = e.notes();
            boolean broken = e.file().contains("/malformed/") || e.file().contains("/fuzz/")
                    || n.startsWith("MALFORMED") || n.startsWith("FUZZ") || n.startsWith("upstream negative test");
            if (broken) {
                assertTrue(table.contains(e.file() + " "), () -> e.file() + " is broken on purpose but not in the table");
            }
        }
    }
}
