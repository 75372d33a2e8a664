package io.incident.parsers.pcap;

import static io.incident.parsers.pcap.CaptureBytes.ACK;
import static io.incident.parsers.pcap.CaptureBytes.FIN;
import static io.incident.parsers.pcap.CaptureBytes.PSH;
import static io.incident.parsers.pcap.CaptureBytes.RST;
import static io.incident.parsers.pcap.CaptureBytes.SYN;
import static io.incident.parsers.pcap.CaptureBytes.ethernet;
import static io.incident.parsers.pcap.CaptureBytes.ipv4;
import static io.incident.parsers.pcap.CaptureBytes.tcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection lifecycles on a capture made packet by packet, so every expected value is known exactly. */
class TcpTrackingTest {
    private static final int CLIENT = 0x0A000001;
    private static final int SERVER = 0x0A000002;
    private static final int OTHER = 0x0A000003;
    private static final String GET = "GET /leak HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    static Path dir;
    private static CaptureModel model;

    @BeforeAll
    static void read() throws Exception {
        CaptureBytes c = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b2c3d4, 1);
        // 1: a full HTTP exchange with a two-second pause before the client closes.
        c.pcapRecord(1, 0, eth(CLIENT, SERVER, tcp(51234, 8080, 1000, 0, SYN, 65535, "")));
        c.pcapRecord(1, 100, eth(SERVER, CLIENT, tcp(8080, 51234, 5000, 1001, SYN | ACK, 65535, "")));
        c.pcapRecord(1, 200, eth(CLIENT, SERVER, tcp(51234, 8080, 1001, 5001, ACK, 65535, "")));
        c.pcapRecord(1, 1000, eth(CLIENT, SERVER, tcp(51234, 8080, 1001, 5001, PSH | ACK, 65535, GET)));
        c.pcapRecord(1, 2000, eth(SERVER, CLIENT, tcp(8080, 51234, 5001, 1001 + GET.length(), PSH | ACK, 65535, OK)));
        long cseq = 1001 + GET.length();
        long sseq = 5001 + OK.length();
        c.pcapRecord(3, 2000, eth(CLIENT, SERVER, tcp(51234, 8080, cseq, sseq, FIN | ACK, 65535, "")));
        c.pcapRecord(3, 2100, eth(SERVER, CLIENT, tcp(8080, 51234, sseq, cseq + 1, FIN | ACK, 65535, "")));
        c.pcapRecord(3, 2200, eth(CLIENT, SERVER, tcp(51234, 8080, cseq + 1, sseq + 1, ACK, 65535, "")));
        // 2: the same port again with a new SYN, refused by the server.
        c.pcapRecord(4, 0, eth(CLIENT, SERVER, tcp(51234, 8080, 9000, 0, SYN, 65535, "")));
        c.pcapRecord(4, 100, eth(SERVER, CLIENT, tcp(8080, 51234, 0, 9001, RST | ACK, 0, "")));
        // 3: already open when the capture began (VLAN-tagged): a retransmission, a zero window, a keep-alive.
        c.pcapRecord(5, 0, vlan(OTHER, CLIENT, tcp(443, 40000, 100, 700, PSH | ACK, 1000, "0123456789")));
        c.pcapRecord(5, 500_000, vlan(CLIENT, OTHER, tcp(40000, 443, 700, 110, ACK, 0, "")));
        c.pcapRecord(6, 0, vlan(OTHER, CLIENT, tcp(443, 40000, 100, 700, PSH | ACK, 1000, "0123456789")));
        c.pcapRecord(7, 0, vlan(CLIENT, OTHER, tcp(40000, 443, 699, 110, ACK, 1000, "")));
        Path file = dir.resolve("made.pcap");
        Files.write(file, c.bytes());
        model = Captures.read(file);
    }

    private static byte[] eth(int src, int dst, byte[] tcp) {
        return ethernet(ipv4(src, dst, tcp), false);
    }

    private static byte[] vlan(int src, int dst, byte[] tcp) {
        return ethernet(ipv4(src, dst, tcp), true);
    }

    @Test
    void summaryCountsConnectionsByHowTheyEnded() {
        assertEquals(Map.of("packets", 14L, "linkTypes", List.of("EN10MB"), "tcpConnections", 3L, "closedByFin", 1L,
                "closedByRst", 1L, "openAtEnd", 1L, "retransmissions", 1L, "truncatedPackets", 0L),
                model.source().summary());
        assertTrue(model.source().diagnostics().isEmpty(), model.source().diagnostics().toString());
    }

    @Test
    void fullExchangeHasHandshakeHttpIdleGapAndFinClose() {
        Connection c = model.connections().get(0);
        assertEquals("10.0.0.1:51234", c.client());
        assertEquals("10.0.0.2:8080", c.server());
        assertEquals(Connection.State.FIN, c.state());
        assertEquals(200_000, c.handshakeRttNanos());
        assertEquals("GET /leak", c.httpRequest());
        assertEquals("200 OK", c.httpStatus());
        assertEquals(2_000_000_000L, c.idleLongestNanos());
        assertEquals(2_000_000_000L, c.idleTotalNanos());
        assertEquals(0, c.closedBy());
        assertEquals(100_000, c.halfClosedNanos());
        assertEquals(GET.length(), c.bytes(0));
        assertEquals(OK.length(), c.bytes(1));
        assertEquals(5, c.packets(0));
        assertEquals(3, c.packets(1));
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, model.connections().packetNumbers(c));
        assertEquals(24, model.connections().packetOffset(1));
    }

    @Test
    void reusedPortWithNewSynIsANewConnectionRefusedByRst() {
        Connection c = model.connections().get(1);
        assertEquals("10.0.0.1:51234", c.client());
        assertEquals(Connection.State.RST, c.state());
        assertEquals(1, c.rstBy());
        assertFalse(c.rstWithDataInFlight());
        assertArrayEquals(new long[] {9, 10}, model.connections().packetNumbers(c));
        assertNull(c.httpRequest());
    }

    @Test
    void connectionOpenBeforeTheCaptureIsFlaggedAndAnalysed() {
        Connection c = model.connections().get(2);
        assertFalse(c.startCaptured());
        assertEquals("10.0.0.1:40000", c.client(), "the higher port is taken for the client");
        assertEquals(Connection.State.OPEN, c.state());
        assertEquals(1, c.retransmissions());
        assertEquals(1, c.zeroWindows());
        assertEquals(1, c.keepAlives());
    }

    @Test
    void tracksCarryLabelsArgsAndResets() {
        Source s = model.source();
        SpanTrack spans = (SpanTrack) s.tracks().get(0);
        assertEquals("TCP connections", spans.name());
        assertEquals("network", spans.group());
        assertEquals("10.0.0.1:51234 \u2192 10.0.0.2:8080 GET /leak", s.label(spans.label(0)));
        Map<String, String> args = s.argsOf(spans.args(0));
        assertEquals("FIN", args.get("state"));
        assertEquals("200", args.get("handshake_rtt_us"));
        assertEquals("2000", args.get("idle_longest_ms"));
        assertEquals("GET /leak", args.get("http"));
        InstantTrack resets = (InstantTrack) s.tracks().get(1);
        assertEquals(1, resets.size());
        assertEquals("server", s.argsOf(resets.args(0)).get("sent_by"));
        assertEquals(List.of("TCP connections", "TCP resets", "open connections", "new connections/s", "resets/s",
                "retransmissions/s"), s.tracks().stream().map(t -> t.name()).toList());
    }
}
