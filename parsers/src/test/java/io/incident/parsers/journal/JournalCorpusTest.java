package io.incident.parsers.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The readers against every journal export and JSON file of the shared corpus. */
class JournalCorpusTest {
    /** expected-entries.tsv: counts made by journalctl / systemd-journal-remote and jq (see expected-entries.sh). */
    static Map<String, Long> expectedEntries() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/journal/expected-entries.tsv"))) {
            if (line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            String[] f = line.split("\t");
            out.put(f[0], Long.parseLong(f[1]));
        }
        return out;
    }

    static Stream<String> corpusFiles() throws Exception {
        Corpus.assume();
        return expectedEntries().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void entryCountMatchesJournalctl(String file) throws Exception {
        Path path = Corpus.root().resolve(file);
        Source s = JournalFiles.read(path);
        assertEquals(expectedEntries().get(file), s.summary().get("entries"), file);
        long logged = s.tracks().stream().filter(JournalArgs::isLogTrack).mapToLong(t -> t.size()).sum();
        assertEquals(expectedEntries().get(file), logged, "every entry has a time, so each is one log instant");
    }

    @Test
    void everyExportAndJsonFileOfTheCorpusIsInTheTable() throws Exception {
        Map<String, Long> expected = expectedEntries();
        for (Corpus.Entry e : Stream.concat(Corpus.ofKind("journal").stream(), Corpus.ofKind("journal-malformed").stream())
                .toList()) {
            boolean readable = e.file().endsWith(".export") || e.file().contains(".json");
            assertEquals(readable, expected.containsKey(e.file()), e.file());
        }
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void detectionPicksTheRightReader(String file) throws Exception {
        Detection d = Formats.detect(Corpus.root().resolve(file));
        assertEquals(file.contains(".json") ? "journal-json" : "journal-export", d.kind().id(), file);
    }

    static Stream<String> throttledCases() {
        Corpus.assume();
        return Stream.of("journal/made_private_journald.export", "journal/upstream-derived_Ubuntu22_user1000_3entries.export",
                "journal/malformed/derived_truncated_export.export", "journal/made_private_journald.json",
                "journal/made_private_journald.json-pretty", "journal/made_private_journald.json-sse",
                "journal/upstream-derived_Ubuntu22_user1000_3entries.json-seq");
    }

    @ParameterizedTest
    @MethodSource("throttledCases")
    void throttledChunksGiveTheSameModel(String file) throws Exception {
        Path path = Corpus.root().resolve(file);
        String whole = ModelText.describe(JournalFiles.read(path), Integer.MAX_VALUE);
        assertEquals(whole, ModelText.describe(JournalFiles.readThrottled(path, 7), Integer.MAX_VALUE), "7-byte chunks");
        assertEquals(whole, ModelText.describe(JournalFiles.readThrottled(path, 1), Integer.MAX_VALUE), "1-byte chunks");
    }

    @Test
    void exportAndJsonOfTheSameJournalGiveTheSameTracks() throws Exception {
        Corpus.assume();
        for (String base : List.of("journal/upstream-derived_RHEL9.1_system", "journal/upstream-derived_openSUSE15_system_archived",
                "journal/upstream-derived_Ubuntu16_system")) {
            String export = tracksOf(JournalFiles.read(Corpus.root().resolve(base + ".export")));
            assertEquals(export, tracksOf(JournalFiles.read(Corpus.root().resolve(base + ".json"))), base);
            assertEquals(export, tracksOf(JournalFiles.read(Corpus.root().resolve(base + ".json-seq"))), base);
        }
    }

    /** The model text without the kind line and the diagnostics, whose places are bytes in one and lines in the other. */
    private static String tracksOf(Source s) {
        return ModelText.describe(s, Integer.MAX_VALUE).lines()
                .filter(l -> !l.startsWith("kind ") && !l.startsWith("diagnostic "))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void madeJournalKeepsBinaryMessagesAndReportsOmittedLargeFields() throws Exception {
        Corpus.assume();
        Source export = JournalFiles.read(Corpus.root().resolve("journal/made_private_journald.export"));
        Source json = JournalFiles.read(Corpus.root().resolve("journal/made_private_journald.json"));
        assertTrue(export.diagnostics().isEmpty(), export.diagnostics().toString());
        assertTrue(json.diagnostics().stream().anyMatch(d -> d.name().equals("large-field-omitted")),
                json.diagnostics().toString());
        assertFalse(export.summary().get("units").toString().isEmpty());
    }
}
