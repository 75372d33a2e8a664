package io.incident.parsers.pcap;

import static io.incident.parsers.pcap.CaptureBytes.SYN;
import static io.incident.parsers.pcap.CaptureBytes.ipv4;
import static io.incident.parsers.pcap.CaptureBytes.ipv6;
import static io.incident.parsers.pcap.CaptureBytes.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.Track;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Link types, timestamp units and pcapng block kinds, on captures the test writes. */
class ContainerTest {
    private static final byte[] SYN_V4 = ipv4(0x7F000001, 0x7F000001, tcp(51234, 8080, 1, 0, SYN, 100, ""));
    private static final byte[] SYN_V6 = ipv6(1, 1, tcp(51234, 8080, 1, 0, SYN, 100, ""));

    @TempDir
    Path dir;

    private CaptureModel read(byte[] bytes) throws Exception {
        Path f = dir.resolve("t.cap");
        Files.write(f, bytes);
        return Captures.read(f);
    }

    private static byte[] prefixed(byte[] header, byte[] ip) {
        return ByteBuffer.allocate(header.length + ip.length).put(header).put(ip).array();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NULL,0,le", "LOOP,108,be", "LINUX_SLL,113,sll", "LINUX_SLL2,276,sll2", "RAW,101,none",
        "IPV4,228,none", "IPV6,229,v6", "EN10MB,1,eth"})
    void everyLinkTypeReachesTcp(String name, int linkType, String header) throws Exception {
        byte[] ip = header.equals("v6") ? SYN_V6 : SYN_V4;
        byte[] frame = switch (header) {
            case "le" -> prefixed(new byte[] {2, 0, 0, 0}, ip);
            case "be" -> prefixed(new byte[] {0, 0, 0, 2}, ip);
            case "sll" -> prefixed(ByteBuffer.allocate(16).putShort(14, (short) 0x0800).array(), ip);
            case "sll2" -> prefixed(ByteBuffer.allocate(20).putShort(0, (short) 0x0800).array(), ip);
            case "eth" -> CaptureBytes.ethernet(SYN_V6, true);
            default -> ip;
        };
        CaptureModel m = read(new CaptureBytes(ByteOrder.BIG_ENDIAN).pcapHeader(0xa1b23c4d, linkType)
                .pcapRecord(10, 5, frame).bytes());
        assertEquals(List.of(name), m.source().summary().get("linkTypes"));
        assertEquals(1L, m.source().summary().get("tcpConnections"));
        assertEquals(10_000_000_005L, m.connections().get(0).firstTime(), "nanosecond magic");
        assertEquals(51234, m.connections().get(0).clientPort());
    }

    @Test
    void pcapngSectionsOfBothByteOrdersWithResolutionOffsetAndEveryPacketBlock() throws Exception {
        byte[] le = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).shb()
                .idb(101, 9, null)
                .idb(228, 3, 100L)
                .epb(0, 1_500_000_000L, SYN_V4, "first packet")
                .epb(1, 2_000L, ipv4(1, 2, tcp(40000, 80, 7, 0, SYN, 1, "")), null)
                .block(0x0BADC0DE, new byte[8])
                .bytes();
        byte[] be = new CaptureBytes(ByteOrder.BIG_ENDIAN).shb()
                .idb(229, 0x83, null)
                .opb(0, 12L, SYN_V6)
                .spb(ipv6(3, 4, tcp(40001, 80, 7, 0, SYN, 1, "")))
                .bytes();
        CaptureModel m = read(ByteBuffer.allocate(le.length + be.length).put(le).put(be).array());
        Source s = m.source();
        assertEquals(List.of(), s.diagnostics().subList(1, s.diagnostics().size()));
        assertEquals(4L, s.summary().get("packets"));
        assertEquals(List.of("RAW", "IPV4", "IPV6"), s.summary().get("linkTypes"));
        assertEquals(4L, s.summary().get("tcpConnections"));
        assertEquals(1_500_000_000L, m.connections().get(0).firstTime(), "if_tsresol 9: nanoseconds");
        assertEquals(102_000_000_000L, m.connections().get(1).firstTime(), "if_tsresol 3 plus if_tsoffset 100 s");
        assertEquals(1_500_000_000L, m.connections().get(2).firstTime(), "if_tsresol 2^-3: 12/8 s");
        assertEquals(1_500_000_000L, m.connections().get(3).firstTime(), "a simple packet has the previous time");
        InstantTrack comments = (InstantTrack) s.tracks().stream().filter(t -> t.name().equals("packet comments"))
                .findFirst().orElseThrow();
        assertEquals("first packet", s.label(comments.label(0)));
        assertEquals("unknown-block x1 (INFO, first at byte 268: block type 0x0badc0de (20 bytes) skipped by its"
                + " length)", s.diagnostics().get(0).toString());
    }

    @Test
    void unsupportedLinkTypeIsCountedNotDecoded() throws Exception {
        CaptureModel m = read(new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b2c3d4, 231)
                .pcapRecord(1, 0, new byte[] {1, 2, 3}).bytes());
        assertEquals(1L, m.source().summary().get("packets"));
        assertEquals(List.of("DBUS"), m.source().summary().get("linkTypes"));
        assertEquals("unsupported-link-type", m.source().diagnostics().get(0).name());
        assertEquals(List.<Track>of(), m.source().tracks());
    }
}
