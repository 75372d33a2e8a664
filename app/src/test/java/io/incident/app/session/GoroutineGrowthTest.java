package io.incident.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.align.CaseAlignment;
import io.incident.app.ingest.Candidate;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goroutine count across the sample's dumps, placed by the capture's fetches (answer key: sample-data/README.md). */
class GoroutineGrowthTest {
    private static List<LoadedSource> sources;

    @BeforeAll
    static void placeTheDumps(@TempDir Path dir) throws Exception {
        try (CaseSession s = CaseSession.open(dir.resolve("c.incident"), new ArrayList<>())) {
            for (String f : List.of("service.pcap", "goroutines-1.debug2.txt", "goroutines-2.debug2.txt",
                    "goroutines-3.debug2.txt", "goroutines.debug1.txt")) {
                s.importCandidate(new Candidate(f, SampleData.incident(f)), Progress.NONE, Cancellation.none());
            }
            new CaseAlignment(s).placeGuessed();
            sources = s.sources();
        }
    }

    @Test
    void onePointPerDumpAtItsFetchGrowingUntilTheRestart() {
        CounterTrack count = (CounterTrack) GoroutineGrowth.of(sources).tracks().get(0);
        List<String> points = new ArrayList<>();
        for (int i = 0; i < count.size(); i++) {
            points.add(Instant.ofEpochSecond(0, count.time(i)).toString().substring(11, 19) + " " + (long) count.value(i));
        }
        assertEquals(List.of("22:09:01 234", "22:10:07 595", "22:10:07 595", "22:11:31 20"), points,
                "dump 1, the debug=1 profile and dump 2 fetched together, dump 3 after the restart");
    }

    @Test
    void theDumpAfterTheRestartStartsANewSeries() {
        Source growth = GoroutineGrowth.of(sources);
        InstantTrack restarts = (InstantTrack) growth.tracks().get(1);
        assertEquals(1, restarts.size());
        assertEquals("goroutines-3.debug2.txt", growth.argsOf(restarts.args(0)).get("file"));
        CounterTrack count = (CounterTrack) growth.tracks().get(0);
        assertEquals(count.time(3), restarts.time(0));
        assertTrue(growth.tracks().stream().allMatch(t -> t.group().equals(GoroutineGrowth.GROUP)));
    }

    @Test
    void oneDumpIsNoGrowth() {
        assertNull(GoroutineGrowth.of(sources.stream()
                .filter(s -> s.source().info().fileName().equals("goroutines-1.debug2.txt")).toList()));
    }
}
