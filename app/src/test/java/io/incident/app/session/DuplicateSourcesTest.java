package io.incident.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.app.SampleData;
import io.incident.app.ingest.Candidate;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample incident holds its journal twice (export and JSON) and its capture twice (pcap and pcapng). */
class DuplicateSourcesTest {
    private static List<LoadedSource> sources;

    @BeforeAll
    static void importTheSample(@TempDir Path dir) throws Exception {
        try (CaseSession s = CaseSession.open(dir.resolve("c.incident"), new ArrayList<>())) {
            for (String f : List.of("journal.export", "journal.json", "service.pcap", "service.pcapng",
                    "service.strace", "goroutines-1.debug2.txt", "goroutines-2.debug2.txt", "client.jfr")) {
                s.importCandidate(new Candidate(f, SampleData.incident(f)), Progress.NONE, Cancellation.none());
            }
            sources = s.sources();
        }
    }

    @Test
    void theSecondJournalAndTheSecondCaptureRepeatTheFirst() {
        assertEquals(Map.of("journal.json", "journal.export", "service.pcapng", "service.pcap"),
                names(DuplicateSources.of(sources)));
    }

    @Test
    void theOriginalIsWhicheverComesFirst() {
        List<LoadedSource> reversed = new ArrayList<>(sources);
        java.util.Collections.reverse(reversed);
        assertEquals(Map.of("journal.export", "journal.json", "service.pcap", "service.pcapng"),
                names(DuplicateSources.of(reversed)));
    }

    @Test
    void sourcesOfOneKindWithOtherEventsAreNotDuplicates() {
        List<LoadedSource> dumps = sources.stream()
                .filter(s -> s.source().info().fileName().startsWith("goroutines-")).toList();
        assertEquals(2, dumps.size());
        assertEquals(Map.of(), names(DuplicateSources.of(dumps)), "two dumps of one process, a minute apart");
    }

    private static Map<String, String> names(Map<LoadedSource, LoadedSource> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k.source().info().fileName(), v.source().info().fileName()));
        return out;
    }
}
