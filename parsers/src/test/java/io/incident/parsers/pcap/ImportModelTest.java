package io.incident.parsers.pcap;

import static io.incident.parsers.pcap.CaptureBytes.ACK;
import static io.incident.parsers.pcap.CaptureBytes.FIN;
import static io.incident.parsers.pcap.CaptureBytes.PSH;
import static io.incident.parsers.pcap.CaptureBytes.RST;
import static io.incident.parsers.pcap.CaptureBytes.SYN;
import static io.incident.parsers.pcap.CaptureBytes.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.parsers.ArtifactException;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The import reads a capture without packet offsets and names connections through caches of endpoint and label ids;
 * neither may change the model: it must equal the one the connection view's read (with offsets) builds, and every
 * span's label must be the one its connection spells on its own.
 */
class ImportModelTest {
    private static final Path SAMPLE = Path.of("..", "sample-data", "incident");
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "pcap");
    private static final int CLIENT = 0x0A000001;
    private static final int SERVER = 0x0A000002;

    static Stream<Path> sampleCaptures() {
        return Stream.of(SAMPLE.resolve("service.pcap"), SAMPLE.resolve("service.pcapng"));
    }

    @ParameterizedTest
    @MethodSource("sampleCaptures")
    void importEqualsTheConnectionTableRead(Path file) throws Exception {
        assertSameModel(file);
    }

    @Test
    void importEqualsTheConnectionTableReadOnCorpusCaptures() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "the team corpus is not beside this clone");
        int compared = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                CaptureModel table;
                try {
                    table = Captures.read(f);
                } catch (ArtifactException e) {
                    continue; // rejected captures are the broken-file table's business
                }
                if (table.connections().size() > 0) {
                    assertSameModel(f);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 10, "only " + compared + " corpus captures had TCP connections");
    }

    /**
     * More connections than two chunks of rows hold, with resets in the first and last chunks and every client port
     * used twice, a chunk apart: the import drops each chunk once its connections are in the model, and the resets
     * name connections of chunks already dropped by then, so both must still come out as the full read's.
     */
    @Test
    void anImportAcrossSeveralChunksOfRowsEqualsTheTableRead(@TempDir Path dir) throws Exception {
        int n = 2 * ConnectionRows.ROWS + 1000;
        int ports = ConnectionRows.ROWS + 500;
        CaptureBytes c = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b2c3d4, 1);
        String get = "GET /c HTTP/1.1\r\n\r\n";
        int resets = 0;
        for (int i = 0; i < n; i++) {
            int port = 1024 + i % ports;
            long t = i * 1000L;
            long cs = 1000L * i;
            long ss = 7_000_000L + i;
            boolean reset = i % 997 == 0;
            record(c, t, CLIENT, SERVER, tcp(port, 80, cs, 0, SYN, 65535, ""));
            record(c, t + 10, SERVER, CLIENT, tcp(80, port, ss, cs + 1, SYN | ACK, 65535, ""));
            record(c, t + 20, CLIENT, SERVER, tcp(port, 80, cs + 1, ss + 1, PSH | ACK, 65535, get));
            if (reset) {
                record(c, t + 30, SERVER, CLIENT, tcp(80, port, ss + 1, 0, RST, 0, ""));
                resets++;
            } else {
                long ce = cs + 1 + get.length();
                record(c, t + 30, CLIENT, SERVER, tcp(port, 80, ce, ss + 1, FIN | ACK, 65535, ""));
                record(c, t + 40, SERVER, CLIENT, tcp(80, port, ss + 1, ce + 1, FIN | ACK, 65535, ""));
            }
        }
        Path file = dir.resolve("chunks.pcap");
        Files.write(file, c.bytes());
        assertSameModel(file);
        Source imported = new PcapReader().read(Captures.context(file));
        assertEquals((long) n, imported.summary().get("tcpConnections"));
        assertEquals((long) resets, imported.summary().get("closedByRst"));
        Connection last = Captures.read(file).connections().get(n - 1);
        assertEquals("10.0.0.1:" + (1024 + (n - 1) % ports), last.client());
        assertEquals("GET /c", last.httpRequest());
        assertEquals(Connection.State.FIN, last.state());
    }

    private static void record(CaptureBytes c, long micros, int src, int dst, byte[] tcp) {
        byte[] frame = CaptureBytes.ethernet(CaptureBytes.ipv4(src, dst, tcp), false);
        c.pcapRecord(micros / 1_000_000, micros % 1_000_000, frame);
    }

    @Test
    void anImportedTableKnowsNoPacketOffsets() {
        PacketIndex counting = PacketIndex.countingOnly();
        assertEquals(0, counting.add(100));
        assertEquals(1, counting.add(200));
        assertEquals(2, counting.size());
        assertThrows(IllegalStateException.class, () -> counting.offset(0));
    }

    @Test
    void equalPayloadTextsAreOneStringAndNonPrintableBytesAreMarked() {
        TextCache texts = new TextCache();
        ByteBuffer a = ByteBuffer.wrap("xxGET /leak".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.wrap("GET /leak\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String first = texts.text(a, 2, 9);
        assertEquals("GET /leak", first);
        assertSame(first, texts.text(b, 0, 9));
        assertEquals("GET /leak??", texts.text(b, 0, 11));
    }

    @Test
    void theTextCacheStopsGrowingAtItsBound() {
        TextCache texts = new TextCache();
        for (int i = 0; i <= TextCache.MAX_TEXTS + 10; i++) {
            byte[] bytes = Integer.toString(i).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(Integer.toString(i), texts.text(ByteBuffer.wrap(bytes), 0, bytes.length));
        }
        byte[] late = Integer.toString(TextCache.MAX_TEXTS + 5).getBytes(StandardCharsets.ISO_8859_1);
        String once = texts.text(ByteBuffer.wrap(late), 0, late.length);
        String twice = texts.text(ByteBuffer.wrap(late), 0, late.length);
        assertEquals(once, twice);
        assertTrue(once != twice, "a text past the bound is made anew, not kept");
    }

    private static void assertSameModel(Path file) throws Exception {
        CaptureModel table = Captures.read(file);
        Source imported = isPcapng(file)
                ? new PcapngReader().read(Captures.context(file)) : new PcapReader().read(Captures.context(file));
        Source full = table.source();
        assertEquals(full.summary(), imported.summary(), file + ": summary");
        assertEquals(full.tracks().size(), imported.tracks().size(), file + ": tracks");
        for (int t = 0; t < full.tracks().size(); t++) {
            assertSameTrack(full, full.tracks().get(t), imported, imported.tracks().get(t), file);
        }
        SpanTrack spans = (SpanTrack) full.tracks().stream().filter(t -> t.name().equals("TCP connections"))
                .findFirst().orElseThrow();
        for (int i = 0; i < spans.size(); i++) {
            Connection c = table.connections().get(i);
            assertEquals(ConnectionTracks.label(c), full.label(spans.label(i)), file + ": label of connection " + i);
            assertEquals(c.client(), full.argsOf(spans.args(i)).get("client"), file + ": client of connection " + i);
        }
    }

    private static boolean isPcapng(Path file) throws Exception {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            return in.read(head) == 4 && head[0] == 0x0A && head[1] == 0x0D && head[2] == 0x0D && head[3] == 0x0A;
        }
    }

    private static void assertSameTrack(Source a, Track ta, Source b, Track tb, Path file) {
        String where = file + ": track " + ta.name();
        assertEquals(ta.name(), tb.name(), where);
        assertEquals(ta.getClass(), tb.getClass(), where);
        if (ta instanceof SpanTrack sa) {
            SpanTrack sb = (SpanTrack) tb;
            assertEquals(sa.size(), sb.size(), where);
            for (int i = 0; i < sa.size(); i++) {
                assertEquals(sa.start(i), sb.start(i), where);
                assertEquals(sa.end(i), sb.end(i), where);
                assertEquals(a.label(sa.label(i)), b.label(sb.label(i)), where);
                assertEquals(a.argsOf(sa.args(i)), b.argsOf(sb.args(i)), where);
            }
        } else if (ta instanceof InstantTrack ia) {
            InstantTrack ib = (InstantTrack) tb;
            assertEquals(ia.size(), ib.size(), where);
            for (int i = 0; i < ia.size(); i++) {
                assertEquals(ia.time(i), ib.time(i), where);
                assertEquals(a.label(ia.label(i)), b.label(ib.label(i)), where);
                assertEquals(a.argsOf(ia.args(i)), b.argsOf(ib.args(i)), where);
            }
        } else if (ta instanceof CounterTrack ca) {
            CounterTrack cb = (CounterTrack) tb;
            assertEquals(ca.size(), cb.size(), where);
            for (int i = 0; i < ca.size(); i++) {
                assertEquals(ca.time(i), cb.time(i), where);
                assertEquals(ca.value(i), cb.value(i), where);
            }
        }
    }
}
