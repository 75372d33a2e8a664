package io.incident.app.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.align.CaseAlignment;
import io.incident.app.ingest.Candidate;
import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.model.CounterTrack;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import io.incident.model.InstantTrack;
import io.incident.model.SpanTrack;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlation on the sample incident (answer key: sample-data/README.md). */
class CorrelatorTest {
    private static List<LoadedSource> sources;
    private static List<Flow> flows;

    @BeforeAll
    static void linkTheSample(@TempDir Path dir) throws Exception {
        try (CaseSession s = CaseSession.open(dir.resolve("c.incident"), new ArrayList<>())) {
            for (String f : List.of("service.pcap", "service.strace", "journal.export", "goroutines-2.debug2.txt",
                    "client.jfr")) {
                s.importCandidate(new Candidate(f, SampleData.incident(f)), Progress.NONE, Cancellation.none());
            }
            new CaseAlignment(s).placeGuessed();
            sources = s.sources();
            flows = Correlator.link(sources);
        }
    }

    @Test
    void aConnectionResetInTheRstPhaseLinksToTheStraceSocketOfTheSame4TupleThatSawEconnreset() {
        int pcap = index("service.pcap");
        int strace = index("service.strace");
        Flow f = flows.stream().filter(x -> x.kind().equals("same connection") && x.from().source() == pcap
                && args(x.from()).get("client").equals("127.0.0.1:36914")).findFirst().orElseThrow();
        assertEquals("RST", args(f.from()).get("state"));
        assertEquals(strace, f.to().source());
        SpanTrack fds = (SpanTrack) track(f.to());
        String path = sources.get(strace).source().label(fds.label(f.to().event()));
        assertEquals("TCP:[127.0.0.1:8080->127.0.0.1:36914]", path);
        assertTrue(econnresetOn(path), "strace read() = -1 ECONNRESET on " + path);
        SpanTrack conns = (SpanTrack) track(f.from());
        long wireEnd = sources.get(pcap).record().clock().toCase(conns.end(f.from().event()));
        long close = sources.get(strace).record().clock().toCase(fds.end(f.to().event()));
        assertTrue(Math.abs(wireEnd - close) < 50_000_000L, "the socket closes when the connection ends on the wire");
    }

    @Test
    void everyEmfileLinksToTheOpenFdCounterAtTheLimitAndToTheOpenConnections() {
        List<Flow> fds = flows.stream().filter(x -> x.kind().equals("EMFILE \u2194 open fds")).toList();
        assertEquals(62, fds.size(), "grep -c EMFILE service.strace");
        for (Flow f : fds) {
            CounterTrack c = (CounterTrack) track(f.to());
            assertTrue(c.value(f.to().event()) >= 120, "ulimit -n 128: " + f.reason());
        }
        assertEquals(62, flows.stream().filter(x -> x.kind().equals("EMFILE \u2194 open connections")).count());
    }

    @Test
    void socketsLinkToLogLinesOfTheirProcess() {
        int journal = index("journal.export");
        List<Flow> logs = flows.stream().filter(x -> x.kind().equals("log line")).toList();
        assertTrue(!logs.isEmpty());
        for (Flow f : logs) {
            assertEquals(journal, f.to().source());
            assertEquals("31", args(f.to()).get("pid"));
        }
    }

    @Test
    void ioWaitGoroutinesOfDump2LinkToConnectionsOpenAndIdleAtItsTimeAndSayItIsAGuess() {
        int dump = index("goroutines-2.debug2.txt");
        int pcap = index("service.pcap");
        List<Flow> guesses = flows.stream().filter(x -> x.from().source() == dump).toList();
        assertTrue(!guesses.isEmpty(), "dump 2 has 19 goroutines in [IO wait, 1 minutes] held by idle connections");
        long at = sources.get(dump).record().clock().toCase(0);
        for (Flow f : guesses) {
            assertEquals("IO wait \u2194 idle connection (heuristic)", f.kind());
            assertTrue(f.reason().contains("no fd numbers"));
            assertEquals(pcap, f.to().source());
            SpanTrack conns = (SpanTrack) track(f.to());
            var clock = sources.get(pcap).record().clock();
            assertTrue(clock.toCase(conns.start(f.to().event())) <= at && clock.toCase(conns.end(f.to().event())) >= at);
        }
    }

    @Test
    void jfrSocketReadsLinkToTheConnectionTsharkSaysCarriedThem() throws Exception {
        int jfr = index("client.jfr");
        int pcap = index("service.pcap");
        List<Flow> reads = flows.stream().filter(x -> x.kind().equals("socket read \u2194 connection")).toList();
        assertTrue(reads.size() >= 150, "180 reads, each on one of the Java client's connections: " + reads.size());
        Map<Long, Long> portByReadEnd = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(Path.of("src/test/resources/align/expected-jfr-reads.tsv"))) {
            if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                portByReadEnd.put(Long.parseLong(f[0]), Long.parseLong(f[3]));
            }
        }
        int checked = 0;
        for (Flow f : reads) {
            assertEquals(jfr, f.from().source());
            assertEquals(pcap, f.to().source());
            Long port = portByReadEnd.get(((SpanTrack) track(f.from())).end(f.from().event()));
            if (port != null) {
                checked++;
                assertTrue(args(f.to()).get("client").endsWith(":" + port), f.reason() + " on " + args(f.to()));
                assertEquals("8080", args(f.to()).get("server").replaceAll(".*:", ""));
            }
        }
        assertTrue(checked >= 150, "links tshark confirms: " + checked);
    }

    private static boolean econnresetOn(String path) {
        LoadedSource s = sources.get(index("service.strace"));
        for (var t : s.source().tracks()) {
            if (t instanceof SpanTrack st && st.name().startsWith("syscalls")) {
                for (int i = 0; i < st.size(); i++) {
                    Map<String, String> a = s.source().argsOf(st.args(i));
                    if ("ECONNRESET".equals(a.get("errno")) && path.equals(a.get("path"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int index(String path) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).record().path().equals(path)) {
                return i;
            }
        }
        throw new IllegalStateException(path);
    }

    private static io.incident.model.Track track(EventRef r) {
        return sources.get(r.source()).source().tracks().get(r.track());
    }

    private static Map<String, String> args(EventRef r) {
        var t = track(r);
        var s = sources.get(r.source()).source();
        return s.argsOf(t instanceof SpanTrack st ? st.args(r.event()) : ((InstantTrack) t).args(r.event()));
    }
}
