package io.incident.parsers.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.testing.Corpus;
import io.incident.testing.Golden;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recognised events: Go gctrace, OOM kills, systemd unit changes, accept errors, gaps; and the small goldens. */
class JournalEventsTest {
    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private static Track track(Source s, String name) {
        return s.tracks().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no track " + name + " in " + s.tracks()));
    }

    /** gctrace-go1.19.txt: stderr of gctrace-go1.19.go.txt built with go1.19.8 and run with GODEBUG=gctrace=1. */
    @Test
    void realGoGctraceLinesBecomeGcSpansAndHeapCounters() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/journal/gctrace-go1.19.txt"));
        JournalFiles.Export export = new JournalFiles.Export();
        for (int i = 0; i < lines.size(); i++) {
            export.entry("__REALTIME_TIMESTAMP", Long.toString(T0 + i * 1_000_000L), "_SYSTEMD_UNIT", "api.service",
                    "_PID", "42", "PRIORITY", "6", "MESSAGE", lines.get(i));
        }
        Source s = JournalFiles.read(export.write(dir, "gc.export"));
        SpanTrack gc = (SpanTrack) track(s, "Go GC");
        SpanTrack stw = (SpanTrack) track(s, "Go GC stop-the-world");
        CounterTrack live = (CounterTrack) track(s, "Go heap live MB");
        CounterTrack goal = (CounterTrack) track(s, "Go heap goal MB");
        assertEquals(lines.size(), gc.size());
        assertEquals(2 * lines.size(), stw.size());
        assertEquals("go api.service", gc.group());
        for (int i = 0; i < lines.size(); i++) {
            // Independent split of "gc N @Ts P%: a+b+c ms clock, ..., x->y->z MB, g MB goal, ..."
            String line = lines.get(i);
            String[] clock = line.substring(line.indexOf(": ") + 2, line.indexOf(" ms clock")).split("\\+");
            long wall = Math.round((Double.parseDouble(clock[0]) + Double.parseDouble(clock[1])
                    + Double.parseDouble(clock[2])) * 1e6);
            long end = (T0 + i * 1_000_000L) * 1000;
            assertEquals(end - wall, gc.start(i), line);
            assertEquals(end, gc.end(i), line);
            String heap = line.substring(0, line.indexOf(" MB,"));
            heap = heap.substring(heap.lastIndexOf(' ') + 1);
            assertEquals(Double.parseDouble(heap.split("->")[2]), live.value(i), line);
            String goalText = line.substring(line.indexOf(" MB, ") + 5, line.indexOf(" MB goal"));
            assertEquals(Double.parseDouble(goalText), goal.value(i), line);
            assertEquals(line.endsWith("(forced)"), s.argsOf(gc.args(i)).get("forced").equals("true"), line);
        }
        assertEquals("sweep termination", s.label(stw.label(0)));
        assertEquals(gc.start(0), stw.start(0));
    }

    @Test
    void gctraceBeforeGo118HasNoStacksOrGlobals() {
        GcTrace t = GcTrace.parse("gc 7 @1.234s 3%: 0.010+2.5+0.020 ms clock, 0.080+0.5/2.0/4.0+0.16 ms cpu, "
                + "12->13->6 MB, 14 MB goal, 8 P");
        assertNotNull(t);
        assertEquals(7, t.cycle());
        assertEquals(6, t.heapLiveMb());
        assertEquals(14, t.goalMb());
        assertEquals(8, t.procs());
        assertNull(GcTrace.parse("gc 7 is not a trace line ms clock, at all"));
    }

    @Test
    void oomUnitAndAcceptPatterns() {
        EventPatterns.OomKill oom = EventPatterns.oomKill("Out of memory: Killed process 31337 (api-server) "
                + "total-vm:2048000kB, anon-rss:1900000kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4000kB "
                + "oom_score_adj:0");
        assertEquals(new EventPatterns.OomKill(31337, "api-server"), oom);
        assertEquals(new EventPatterns.OomKill(99, "java"),
                EventPatterns.oomKill("Memory cgroup out of memory: Killed process 99 (java) total-vm:1kB"));
        assertEquals(new EventPatterns.UnitChange(EventPatterns.UnitAction.MAIN_EXITED, "api.service",
                "code=killed, status=9/KILL"), EventPatterns.unitChange("systemd",
                "api.service: Main process exited, code=killed, status=9/KILL"));
        assertEquals(new EventPatterns.UnitChange(EventPatterns.UnitAction.FAILED, "api.service", "oom-kill"),
                EventPatterns.unitChange("systemd", "api.service: Failed with result 'oom-kill'."));
        assertEquals(new EventPatterns.UnitChange(EventPatterns.UnitAction.RESTART_SCHEDULED, "api.service", "3"),
                EventPatterns.unitChange("systemd", "api.service: Scheduled restart job, restart counter is at 3."));
        assertEquals(new EventPatterns.UnitChange(EventPatterns.UnitAction.STARTED, "API server", ""),
                EventPatterns.unitChange("systemd", "Started API server."));
        assertNull(EventPatterns.unitChange("myapp", "Started API server."), "only the service manager speaks for units");
        assertEquals(new EventPatterns.AcceptError("accept tcp [::]:8080: accept4: too many open files",
                "too many open files", "5ms"), EventPatterns.acceptError(
                "2024/05/01 12:00:00 http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms"));
        assertNull(EventPatterns.acceptError("accepted connection"));
    }

    /** A small incident: a Go service leaks fds, is OOM-killed, restarted; the journal lost entries and went quiet. */
    private Path incident() throws Exception {
        String boot = "0123456789abcdef0123456789abcdef";
        JournalFiles.Export e = new JournalFiles.Export();
        String[][] lines = {
            {"0", "1", "api.service", "api", "gc 1 @0.010s 1%: 0.020+1.5+0.030 ms clock, 0.16+0.2/1.0/2.0+0.24 ms cpu, "
                    + "4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P"},
            {"1", "2", "api.service", "api", "2024/05/01 12:00:01 http: Accept error: accept tcp [::]:8080: accept4: "
                    + "too many open files; retrying in 5ms"},
            {"2", "5", "", "kernel", "Out of memory: Killed process 4242 (api) total-vm:2048000kB, anon-rss:1900000kB"},
            {"2", "6", "init.scope", "systemd", "api.service: Main process exited, code=killed, status=9/KILL"},
            {"2", "7", "init.scope", "systemd", "api.service: Failed with result 'oom-kill'."},
            {"90", "8", "init.scope", "systemd", "api.service: Scheduled restart job, restart counter is at 1."},
            {"91", "9", "init.scope", "systemd", "Started API server."},
        };
        for (String[] l : lines) {
            e.fields("__CURSOR", "s=5eed;i=" + Long.toHexString(Long.parseLong(l[1])) + ";b=" + boot + ";m=1;t=2;x=3",
                    "__REALTIME_TIMESTAMP", Long.toString(T0 + Long.parseLong(l[0]) * 1_000_000L), "_BOOT_ID", boot,
                    "PRIORITY", l[3].equals("kernel") ? "3" : "6", "_PID", l[3].equals("systemd") ? "1" : "4242");
            e.field("SYSLOG_IDENTIFIER", l[3].getBytes());
            if (!l[2].isEmpty()) {
                e.field("_SYSTEMD_UNIT", l[2].getBytes());
            }
            if (l[4].startsWith("Started")) {
                e.field("UNIT", "api.service".getBytes());
            }
            e.field("MESSAGE", l[4].getBytes()).raw(new byte[] {'\n'});
        }
        return e.write(dir, "incident.export");
    }

    @Test
    void incidentGolden() throws Exception {
        Source s = JournalFiles.read(incident());
        Golden.assertMatches("journal/incident.golden.txt", ModelText.describe(s, 10));
        assertEquals(1L, s.summary().get("seqnumGaps"));
        InstantTrack units = (InstantTrack) track(s, "unit changes");
        assertEquals(4, units.size());
        assertEquals("api.service started", s.label(units.label(3)), "Started uses the UNIT field for the name");
        assertEquals(1, track(s, "OOM kills").size());
        assertEquals(1, track(s, "accept errors").size());
        assertTrue(s.diagnostics().stream().anyMatch(d -> d.name().equals("silence") && d.count() == 1));
    }

    @Test
    void seqnumArgsAndSilenceThresholdAreSettings() throws Exception {
        Path file = incident();
        Source.Builder b = Source.builder(JournalFiles.context(file, SourceKind.JOURNAL_EXPORT).info(),
                ClockKind.ABSOLUTE_UTC);
        JournalTimeline timeline = new JournalTimeline(b, 100_000_000_000L, true);
        try (InputStream in = Files.newInputStream(file)) {
            new ExportParser(in, Files.size(file), new ParserSetup("incident.export", Limits.DEFAULT, b.diagnostics(),
                    Progress.NONE, () -> { }, timeline)).run();
        }
        timeline.finish();
        Source s = b.build();
        InstantTrack kernel = (InstantTrack) track(s, "kernel");
        assertEquals("5", s.argsOf(kernel.args(0)).get(JournalArgs.SEQNUM));
        assertEquals("5eed", s.argsOf(kernel.args(0)).get(JournalArgs.SEQNUM_ID));
        assertEquals(0, s.diagnostics().stream().filter(d -> d.name().equals("silence")).count(), "88 s < 100 s");
        assertEquals(1, track(s, "gaps").size(), "only the seqnum gap");
    }

    @Test
    void longMessagesAreCutInTheLabelAndWholeInTheArgs() throws Exception {
        String longMessage = "x".repeat(JournalArgs.LABEL_MAX_CHARS) + " and the rest";
        Path file = new JournalFiles.Export().entry("__REALTIME_TIMESTAMP", "1", "MESSAGE", longMessage, "_COMM", "app")
                .entry("__REALTIME_TIMESTAMP", "2", "MESSAGE", "short", "_COMM", "app").write(dir, "long.export");
        Source s = JournalFiles.read(file);
        InstantTrack app = (InstantTrack) track(s, "app");
        assertEquals(JournalArgs.LABEL_MAX_CHARS + 1, s.label(app.label(0)).length());
        assertEquals(longMessage, JournalArgs.message(s, app, 0));
        assertEquals("short", JournalArgs.message(s, app, 1));
        assertNull(s.argsOf(app.args(1)).get(JournalArgs.MESSAGE));
    }

    @Test
    void smallCorpusGoldens() throws Exception {
        Corpus.assume();
        for (String f : List.of("upstream-derived_Ubuntu22_user1000_3entries.export",
                "upstream-derived_Ubuntu22_user1000_3entries.json-seq")) {
            Source s = JournalFiles.read(Corpus.root().resolve("journal").resolve(f));
            Golden.assertMatches("journal/" + f + ".golden.txt", ModelText.describe(s, 5));
        }
    }

    @Test
    void unitChangesMatchJqCounts() throws Exception {
        Corpus.assume();
        for (String line : Files.readAllLines(Path.of("src/test/resources/journal/expected-unit-changes.tsv"))) {
            if (line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            String[] f = line.split("\t");
            Source s = JournalFiles.read(Corpus.root().resolve(f[0]));
            long n = s.tracks().stream().filter(t -> t.name().equals("unit changes")).mapToLong(Track::size).sum();
            assertEquals(Long.parseLong(f[1]), n, f[0]);
        }
    }
}
