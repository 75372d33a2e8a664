package io.incident.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.ingest.ArtifactReading;
import io.incident.app.ingest.Candidate;
import io.incident.app.ingest.ReadOutcome;
import io.incident.model.Source;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JFR recording of the sample's Java client against the capture of the same run, checked read by read against
 * what tshark says carried each read ({@code src/test/resources/align/expected-jfr-reads.tsv}); and recordings of other
 * JVMs from the corpus, which share nothing with that capture and must give no pair.
 */
class JfrCaptureMatcherTest {
    private static final Pattern CLIENT_PORT = Pattern.compile("connection \\S+:(\\d+) \u2192");

    @Test
    void everyReadTsharkCanPinDownPairsWithThatSegmentAndConnection() throws IOException {
        Source capture = read(SampleData.incident("service.pcap"));
        Source jfr = read(SampleData.incident("client.jfr"));
        Map<Long, long[]> expected = expected();

        List<Pair> pairs = JfrCaptureMatcher.match(capture, jfr);

        assertTrue(pairs.size() >= 150, "180 reads, 163 of them pinned down by tshark: " + pairs.size());
        int checked = 0;
        for (Pair p : pairs) {
            long[] e = expected.get(p.otherTime());
            if (e == null) {
                continue;
            }
            checked++;
            assertEquals(e[0], p.referenceTime(), "the segment tshark found for " + p.what());
            Matcher m = CLIENT_PORT.matcher(p.what());
            assertTrue(m.find(), p.what());
            assertEquals(e[1], Long.parseLong(m.group(1)), p.what());
            assertTrue(-p.delta() >= 0 && -p.delta() < 5_000_000L, "the read returns after its segment: " + p.what());
        }
        assertTrue(checked >= 150, "pairs tshark confirms: " + checked);
        assertTrue(pairs.stream().anyMatch(p -> p.what().contains("[0:0:0:0:0:0:0:1]:8080")), "IPv6 connections pair");
    }

    /**
     * Four connections to one server port at once, recorded from both ends with every read and write (make.sh beside
     * the files): the client's events name the same remote end on all four, so only the vote tells them apart.
     */
    @Test
    void readsWritesAndEndOfStreamOfFourConnectionsToOnePortPairWithTheirOwnConnection() throws IOException {
        Path dir = Path.of("src/test/resources/align/jfr-sockets");
        Source capture = read(dir.resolve("socketpair.pcap"));
        Source jfr = read(dir.resolve("socketpair.jfr"));
        Map<String, String> threadByPort = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("connections.tsv"))) {
            if (!line.startsWith("#")) {
                threadByPort.put(line.split("\t")[0], line.split("\t")[2]);
            }
        }
        Map<Long, SocketIo> byTime = new HashMap<>();
        SocketIo.of(jfr).forEach(io -> byTime.put(io.time(), io));

        List<Pair> pairs = JfrCaptureMatcher.match(capture, jfr);

        assertTrue(pairs.stream().filter(p -> p.what().startsWith("socket write")).count() >= 110, "of 120 writes");
        assertTrue(pairs.stream().filter(p -> p.what().startsWith("socket read")).count() >= 45,
                "of the 60 whole responses (the server's reads are 1-byte and partial reads: never pairs)");
        assertEquals(4, pairs.stream().filter(p -> p.what().startsWith("socket end-of-stream")).count(),
                "every client reads the server's FIN");
        assertTrue(Math.abs(Aligner.median(pairs)) < 1_000_000L, "one clock: " + Aligner.median(pairs));
        for (Pair p : pairs) {
            SocketIo io = byTime.get(p.otherTime());
            Matcher m = CLIENT_PORT.matcher(p.what());
            assertTrue(m.find(), p.what());
            if (io.remote().endsWith(":47311")) {
                String thread = jfr.argsOf(((io.incident.model.SpanTrack) jfr.tracks().get(io.track()))
                        .args(io.event())).get("thread");
                assertTrue(thread.startsWith(threadByPort.get(m.group(1)) + " "), thread + ": " + p.what());
            } else {
                assertEquals(io.remote(), "127.0.0.1:" + m.group(1), "the server's events name the client's port");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr/made_jdk17_workload_profile.jfr", "jfr/made_jdk17_workload_default.jfr",
            "jfr/jmc_io_test.jfr.gz"})
    void aRecordingOfAnotherJvmSharesNoPairWithTheSampleCapture(String file) throws IOException {
        SampleData.assumeCorpus();
        Source jfr = read(SampleData.corpus().resolve(file));
        assertTrue(!SocketIo.of(jfr).isEmpty(), "the recording has socket events");
        assertEquals(List.of(), JfrCaptureMatcher.match(read(SampleData.incident("service.pcap")), jfr));
    }

    @Test
    void socketEventsOfARealRecordingKeepTheirRemoteEndAndBytes() throws IOException {
        SampleData.assumeCorpus();
        List<SocketIo> ios = SocketIo.of(read(SampleData.corpus().resolve("jfr/made_jdk17_workload_profile.jfr")));
        assertEquals(608, ios.size(), "jfr summary: 608 jdk.SocketRead, 0 jdk.SocketWrite");
        assertEquals(607, ios.stream().filter(io -> io.remote().equals("127.0.0.1:37915")).count(),
                "jfr print: port = 37915 607 times");
        assertTrue(ios.stream().allMatch(io -> io.read() && io.bytes() == 1), "jfr print: bytesRead = 1 byte");
    }

    @Test
    void addressesAreComparedAsNumbersAndNamesAreNeverLookedUp() {
        assertEquals("[0:0:0:0:0:0:0:1]:8080", Endpoints.canonical("0:0:0:0:0:0:0:1", "8080"));
        assertEquals("[0:0:0:0:0:0:0:1]:8080", Endpoints.canonical("[::1]:8080"));
        assertEquals("127.0.0.1:50750", Endpoints.canonical("127.0.0.1:50750"));
        assertEquals("[fe80:0:0:0:0:0:0:1]:443", Endpoints.canonical("fe80::1%eth0", "443"));
        assertEquals(null, Endpoints.canonical("localhost", "8080"));
        assertEquals(null, Endpoints.canonical("999.1.1.1", "80"), "not an address, and not to be looked up");
        assertEquals(null, Endpoints.canonical("1.2.3", "80"));
        assertEquals(null, Endpoints.canonical("127.0.0.1", ""));
    }

    /** Read end (JFR clock) to {segment time, client port}. */
    private static Map<Long, long[]> expected() throws IOException {
        Map<Long, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/align/expected-jfr-reads.tsv"))) {
            if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                out.put(Long.parseLong(f[0]), new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
            }
        }
        return out;
    }

    static Source read(Path file) {
        ReadOutcome r = ArtifactReading.read(new Candidate(file.getFileName().toString(), file),
                Limits.DEFAULT, Progress.NONE, Cancellation.none());
        assertTrue(r.ok(), String.valueOf(r.error()));
        return r.source();
    }
}
