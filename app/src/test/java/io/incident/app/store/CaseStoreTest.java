package io.incident.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.ingest.Importer;
import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseStoreTest {
    private static final List<String> SAMPLE = List.of("service.strace", "journal.export", "goroutines-1.debug2.txt",
            "service.pcap", "cpu.pprof", "client.jfr");

    @Test
    void importedModelsReopenWithoutTheArtifacts(@TempDir Path tmp) throws Exception {
        Path caseFile = tmp.resolve("a.incident");
        Map<String, String> before = new TreeMap<>();
        try (CaseStore store = CaseStore.open(caseFile)) {
            Importer importer = new Importer(store, Limits.DEFAULT);
            for (String name : SAMPLE) {
                Path copy = tmp.resolve(name);
                Files.copy(SampleData.incident(name), copy);
                ImportOutcome o = importer.importOne(new Candidate(name, copy), (d, t) -> { }, Cancellation.none());
                assertEquals(ImportOutcome.Status.IMPORTED, o.status(), name + ": " + o.message());
                before.put(name, ModelText.describe(store.loadSource(o.record().id()), 50));
                Files.delete(copy);
            }
        }
        try (CaseStore store = CaseStore.open(caseFile)) {
            assertEquals(SAMPLE.size(), store.artifacts().size());
            for (ArtifactRecord r : store.artifacts()) {
                Source s = store.loadSource(r.id());
                assertEquals(before.get(r.path()), ModelText.describe(s, 50), "model of " + r.path() + " changed on reopen");
                assertEquals(64, r.sha256().length());
            }
        }
    }

    @Test
    void aCancelledImportLeavesTheCaseUnchanged(@TempDir Path tmp) throws Exception {
        Path caseFile = tmp.resolve("c.incident");
        try (CaseStore store = CaseStore.open(caseFile)) {
            Importer importer = new Importer(store, Limits.DEFAULT);
            importer.importOne(new Candidate("journal.export", SampleData.incident("journal.export")), (d, t) -> { },
                    Cancellation.none());
            store.saveNote(new Note(0, Instant.EPOCH, Instant.EPOCH, "first", "kept", null, null, null, null, null));
        }
        String snapshotBefore = dump(caseFile);
        try (CaseStore store = CaseStore.open(caseFile)) {
            Importer importer = new Importer(store, Limits.DEFAULT);
            Cancellation cancel = new Cancellation();
            ImportOutcome o = importer.importOne(new Candidate("service.pcap", SampleData.incident("service.pcap")),
                    (done, total) -> {
                        if (done > 0) {
                            cancel.cancel();
                        }
                    }, cancel);
            assertEquals(ImportOutcome.Status.CANCELLED, o.status(), o.message());
        }
        assertEquals(snapshotBefore, dump(caseFile));
    }

    @Test
    void aFailedImportLeavesTheCaseUnchanged(@TempDir Path tmp) throws Exception {
        Path caseFile = tmp.resolve("f.incident");
        Path broken = tmp.resolve("broken.pcap");
        byte[] head = Files.readAllBytes(SampleData.incident("service.pcap"));
        Files.write(broken, java.util.Arrays.copyOf(head, 10));
        try (CaseStore store = CaseStore.open(caseFile)) {
            store.saveNote(new Note(0, Instant.EPOCH, Instant.EPOCH, "n", "t", null, null, null, null, null));
        }
        String before = dump(caseFile);
        try (CaseStore store = CaseStore.open(caseFile)) {
            ImportOutcome o = new Importer(store, Limits.DEFAULT).importOne(new Candidate("broken.pcap", broken),
                    (d, t) -> { }, Cancellation.none());
            assertEquals(ImportOutcome.Status.FAILED, o.status());
            assertTrue(o.message().contains("broken.pcap"), o.message());
        }
        assertEquals(before, dump(caseFile));
    }

    @Test
    void notesAreKeptAndAnchored(@TempDir Path tmp) throws Exception {
        Path caseFile = tmp.resolve("n.incident");
        try (CaseStore store = CaseStore.open(caseFile)) {
            Note n = store.saveNote(new Note(0, Instant.EPOCH, Instant.EPOCH, "EMFILE burst", "accept4 fails", 10L, 20L,
                    null, null, null));
            store.saveNote(n.withText("EMFILE burst", "accept4 fails with EMFILE", Instant.EPOCH));
        }
        try (CaseStore store = CaseStore.open(caseFile)) {
            Note n = store.notes().get(0);
            assertEquals("accept4 fails with EMFILE", n.text());
            assertEquals(10L, n.start());
            assertTrue(n.isBookmark());
        }
    }

    @Test
    void foreignFilesAndNewerSchemasAreRefused(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("notes.incident");
        Files.writeString(text, "not a case");
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.open(text));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());

        Path newer = tmp.resolve("newer.incident");
        try (CaseStore store = CaseStore.open(newer)) {
            assertEquals(CaseStore.SCHEMA_VERSION, store.schemaVersion());
        }
        MVStore raw = MVStore.open(newer.toString());
        raw.<String, String>openMap("meta").put("schemaVersion", "99");
        raw.close();
        CaseException e2 = assertThrows(CaseException.class, () -> CaseStore.open(newer));
        assertTrue(e2.getMessage().contains("newer workbench"), e2.getMessage());
    }

    /** Everything a case holds, as text: records, model bytes and notes. */
    static String dump(Path caseFile) throws Exception {
        StringBuilder b = new StringBuilder();
        try (CaseStore store = CaseStore.open(caseFile)) {
            for (ArtifactRecord r : store.artifacts()) {
                b.append(r).append('\n').append(ModelText.describe(store.loadSource(r.id()), 20));
            }
            store.notes().forEach(n -> b.append(n).append('\n'));
        }
        MVStore raw = MVStore.open(caseFile.toString());
        try {
            b.append("chunks ").append(raw.openMap("chunks").size());
        } finally {
            raw.close();
        }
        return b.toString();
    }
}
