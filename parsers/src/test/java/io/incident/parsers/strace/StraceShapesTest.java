package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ClockKind;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Inputs;
import io.incident.parsers.Limits;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output shapes checked on small files the tests write, plus detection and the progress/cancel hooks. */
class StraceShapesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static Track track(Source s, String name) {
        return s.tracks().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no track " + name));
    }

    @Test
    void everyCorpusStraceFileIsRecognized() throws Exception {
        for (Corpus.Entry e : StraceCorpusTest.straceFiles().toList()) {
            assertTrue(new StraceReader().recognizes(Inputs.head(e.path())), e.file());
        }
    }

    @Test
    void unprefixedLinesBeforeTheFirstForkBelongToTheLeader() throws Exception {
        // strace -f writing to stderr prints "[pid N]" only once a second process exists.
        Path p = write("stderr.strace", "execve(\"/bin/sh\", [\"sh\"], 0x7ffc /* 8 vars */) = 0\n"
                + "clone(child_stack=NULL, flags=SIGCHLD) = 21\n"
                + "[pid 21] openat(AT_FDCWD, \"/tmp/x\", O_RDONLY) = 3\n"
                + "[pid 20] wait4(-1, NULL, 0, NULL) = 21\n");
        Source s = StraceTesting.read(p);
        InstantTrack leader = (InstantTrack) track(s, "syscalls 20");
        assertEquals(List.of("execve", "clone", "wait4"), labels(s, leader));
        assertEquals("pid 21", track(s, "syscalls 21").group());
        assertEquals(2, s.summary().get("pids"));
        assertEquals(ClockKind.RELATIVE, s.clockKind());
    }

    @Test
    void ffFileTakesItsPidFromTheName() throws Exception {
        Path p = write("trace.4242", "10:00:00.000001 getpid() = 4242\n10:00:00.000002 +++ exited with 0 +++\n");
        Source s = StraceTesting.read(p);
        assertEquals("pid 4242", track(s, "syscalls 4242").group());
        InstantTrack events = (InstantTrack) track(s, "process events");
        assertEquals("4242", s.argsOf(events.args(0)).get("pid"));
    }

    @Test
    void relativeTimestampsAreSummed() throws Exception {
        Path p = write("r.strace", "     0.000000 brk(NULL) = 0x1000\n     0.000500 brk(NULL) = 0x1000\n"
                + "     1.250000 close(3) = 0\n");
        Source s = StraceTesting.read(p);
        InstantTrack t = (InstantTrack) s.tracks().get(0);
        assertEquals(ClockKind.RELATIVE, s.clockKind());
        assertEquals(List.of(0L, 500_000L, 1_250_500_000L), List.of(t.time(0), t.time(1), t.time(2)));
    }

    @Test
    void socketEndpointsNameTheFdAndOpenFdsLastToTheEnd() throws Exception {
        Path p = write("net.strace", "1795351993.000000 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5<TCP:[900]> <0.000010>\n"
                + "1795351993.100000 connect(5<TCP:[900]>, {sa_family=AF_INET}, 16) = 0 <0.000100>\n"
                + "1795351993.200000 write(5<TCP:[127.0.0.1:51234->127.0.0.1:8080]>, \"x\", 1) = 1 <0.000010>\n"
                + "1795351993.300000 dup2(5<TCP:[127.0.0.1:51234->127.0.0.1:8080]>, 7) = 7<TCP:[127.0.0.1:51234->127.0.0.1:8080]> <0.000005>\n"
                + "1795351993.400000 close(5<TCP:[127.0.0.1:51234->127.0.0.1:8080]>) = 0 <0.000005>\n"
                + "1795351993.500000 openat(AT_FDCWD, \"/x\", O_RDONLY) = -1 EMFILE (Too many open files) <0.000005>\n");
        Source s = StraceTesting.read(p);
        assertEquals(ClockKind.ABSOLUTE_UTC, s.clockKind());
        SpanTrack fds = (SpanTrack) track(s, "fds");
        assertEquals(2, fds.size());
        assertEquals("TCP:[127.0.0.1:51234->127.0.0.1:8080]", s.label(fds.label(0)));
        assertEquals("close", s.argsOf(fds.args(0)).get("closed by"));
        assertEquals("dup2", s.argsOf(fds.args(1)).get("opened by"));
        assertEquals("true", s.argsOf(fds.args(1)).get("open at end"));
        assertEquals(1795351993_500_000_000L, fds.end(1), "an fd open at the end lasts to the last timestamp");
        assertEquals(java.util.Map.of("EMFILE", 1L), s.summary().get("errors"));
        assertEquals(1, track(s, "errors/s EMFILE").size() - 1);
        SpanTrack calls = (SpanTrack) s.tracks().get(0);
        assertEquals("Too many open files", s.argsOf(calls.args(5)).get("error"));
    }

    @Test
    void progressReachesTheEndAndCancellationStopsTheRead() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            big.append("9 10:00:00.000001 write(1, \"").append("y".repeat(20)).append("\", 20) = 20\n");
        }
        Path p = write("big.strace", big.toString());
        List<Long> seen = new ArrayList<>();
        ReadContext base = StraceTesting.context(p, Limits.DEFAULT);
        new StraceReader().read(new ReadContext(p, base.info(), base.limits(), (done, total) -> seen.add(done),
                Cancellation.none()));
        assertEquals(Files.size(p), seen.get(seen.size() - 1));
        assertTrue(seen.size() >= 3, seen.toString());
        Cancellation cancelled = Cancellation.none();
        cancelled.cancel();
        assertThrows(CancellationException.class, () -> new StraceReader().read(new ReadContext(p, base.info(),
                base.limits(), base.progress(), cancelled)));
    }

    private static List<String> labels(Source s, InstantTrack t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(s.label(t.label(i)));
        }
        return out;
    }
}
