package io.incident.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ImportOutcome;
import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.app.store.ArtifactRecord;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseAlignmentTest {
    @TempDir
    Path dir;

    @Test
    void guessedClocksArePlacedAtOnceRecordedOnesWaitAndEveryChangeCanBeUndone() throws Exception {
        try (CaseSession s = CaseSession.open(dir.resolve("t.incident"), new ArrayList<>())) {
            for (String f : List.of("service.pcap", "journal.export", "service.strace", "goroutines-1.debug2.txt")) {
                ImportOutcome o = s.importCandidate(new Candidate(f, SampleData.incident(f)), Progress.NONE,
                        Cancellation.none());
                assertEquals(ImportOutcome.Status.IMPORTED, o.status(), o.message());
            }
            CaseAlignment a = new CaseAlignment(s);
            assertEquals(2, a.placeGuessed(), "the dump's mtime placement and the strace's mtime date");

            ArtifactRecord dump = record(s, "goroutines-1.debug2.txt");
            long fetchEnd = new BigDecimal("1795385341.312619").movePointRight(9).longValueExact();
            assertTrue(Math.abs(dump.offsetNanos() - fetchEnd) < 1_000_000L, dump.toString());
            assertTrue(dump.clockBasis().startsWith("aligned with service.pcap: GET /debug/pprof/goroutine?debug=2"),
                    dump.clockBasis());
            assertEquals("2026-11-22", record(s, "service.strace").date().toString());
            assertEquals("recorded in the file", record(s, "journal.export").clockBasis(), "absolute clocks wait for the analyst");
            assertEquals(0, a.placeGuessed(), "placing is idempotent");

            CaseAlignment.Row journal = a.propose().stream()
                    .filter(r -> r.source().record().path().equals("journal.export")).findFirst().orElseThrow();
            assertTrue(journal.proposal().solved());
            assertTrue(Math.abs(journal.proposal().offsetNanos()) < 1_000_000L, journal.proposal().toString());
            a.accept(journal);
            assertTrue(record(s, "journal.export").clockBasis().startsWith("aligned with service.strace"));

            a.setOffset(record(s, "journal.export"), 2_000_000_000L);
            assertEquals(2_000_000_000L, record(s, "journal.export").offsetNanos());
            assertEquals("journal.export", a.undo());
            assertEquals("journal.export", a.undo());
            assertEquals("recorded in the file", record(s, "journal.export").clockBasis());
            assertEquals(0, record(s, "journal.export").offsetNanos());
            assertEquals(0, s.store().artifacts().stream().filter(r -> r.path().equals("journal.export"))
                    .findFirst().orElseThrow().offsetNanos(), "undo is committed to the case");
            a.undo();
            a.undo();
            assertFalse(a.canUndo());
            assertNull(a.undo());
        }
    }

    private static ArtifactRecord record(CaseSession s, String path) {
        return s.sources().stream().map(LoadedSource::record).filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }
}
