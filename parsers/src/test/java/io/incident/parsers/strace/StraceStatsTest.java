package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StraceStatsTest {
    @TempDir
    Path dir;

    @Test
    void percentilesAreNearestRankOverTheDurations() throws Exception {
        StringBuilder log = new StringBuilder();
        // read takes 1..100 ms, one call each; write fails twice.
        for (int i = 1; i <= 100; i++) {
            log.append(String.format("9 10:00:%02d.000000 read(3, \"\", 1) = 0 <0.%03d000>%n", i % 60, i));
        }
        log.append("9 10:01:41.000000 write(1, \"a\", 1) = -1 EPIPE (Broken pipe) <0.000010>\n");
        log.append("9 10:01:42.000000 write(1, \"a\", 1) = -1 EPIPE (Broken pipe) <0.000030>\n");
        Path p = dir.resolve("lat.strace");
        Files.writeString(p, log);
        List<StraceStats.Row> rows = StraceStats.of(StraceTesting.read(p));
        StraceStats.Row read = rows.get(0);
        assertEquals("read", read.syscall());
        assertEquals(100, read.calls());
        assertEquals(0, read.errors());
        assertEquals(50_000_000L, read.p50Nanos());
        assertEquals(90_000_000L, read.p90Nanos());
        assertEquals(99_000_000L, read.p99Nanos());
        assertEquals(100_000_000L, read.maxNanos());
        assertEquals(5050_000_000L / 1000 * 1000, read.totalNanos());
        StraceStats.Row write = rows.get(1);
        assertEquals(2, write.errors());
        assertEquals(10_000L, write.p50Nanos());
        assertEquals(30_000L, write.maxNanos());
        assertEquals(100.0, read.percentTime() + write.percentTime(), 1e-9);
    }

    @Test
    void callsAndErrorsAgreeWithTheTableStraceWroteUnderItsTrace() throws Exception {
        Corpus.assume();
        Source s = StraceTesting.read(Corpus.root().resolve("strace/made_sigdemo_summary_C_w.strace"));
        InstantTrack table = (InstantTrack) s.tracks().stream().filter(t -> t.name().equals("strace -c summary"))
                .findFirst().orElseThrow();
        Map<String, String> fromTable = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            Map<String, String> a = s.argsOf(table.args(i));
            if (!s.label(table.label(i)).equals("total")) {
                fromTable.put(s.label(table.label(i)), a.get("calls") + "/" + a.get("errors"));
            }
        }
        Map<String, String> ours = new HashMap<>();
        for (StraceStats.Row r : StraceStats.of(s)) {
            ours.put(r.syscall(), r.calls() + "/" + r.errors());
        }
        assertEquals(fromTable, ours);
    }

    @Test
    void callTableCarriesPidFdErrnoAndDuration() throws Exception {
        Path p = dir.resolve("t.strace");
        Files.writeString(p, "42 10:00:00.000000 openat(AT_FDCWD, \"/x\", O_RDONLY) = 5</x> <0.000100>\n"
                + "42 10:00:00.001000 read(5</x>, \"\", 1) = -1 EIO (Input/output error) <0.000002>\n");
        List<StraceStats.CallRow> calls = StraceStats.calls(StraceTesting.read(p));
        assertEquals(new StraceStats.CallRow(42, "openat", 36_000_000_000_000L, 100_000L, 5, "", "5</x>"), calls.get(0));
        assertEquals(new StraceStats.CallRow(42, "read", 36_000_001_000_000L, 2_000L, 5, "EIO", "-1"), calls.get(1));
    }
}
