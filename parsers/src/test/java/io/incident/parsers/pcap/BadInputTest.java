package io.incident.parsers.pcap;

import static io.incident.parsers.pcap.CaptureBytes.SYN;
import static io.incident.parsers.pcap.CaptureBytes.ipv4;
import static io.incident.parsers.pcap.CaptureBytes.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken and hostile captures: each either fails with the exact error or keeps its good packets with a diagnostic. */
class BadInputTest {
    private static final byte[] PACKET = ipv4(1, 2, tcp(1000, 80, 1, 0, SYN, 1, ""));
    private static final Limits SMALL = new Limits(1000, 1 << 20, 4096, 1L << 30, 1000, 1000);

    @TempDir
    Path dir;

    private static CaptureBytes pcap() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN).pcapHeader(0xa1b2c3d4, 101);
    }

    private static CaptureBytes ng() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN).shb().idb(101, null, null);
    }

    private static byte[] le(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(ints.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : ints) {
            b.putInt(i);
        }
        return b.array();
    }

    private static byte[] cut(byte[] b, int drop) {
        return Arrays.copyOf(b, b.length - drop);
    }

    static Stream<Arguments> fatal() {
        return Stream.of(
                Arguments.of("empty", new byte[0], "t.cap: byte 0: a pcap or pcapng file header, but the file has only"
                        + " 0 bytes"),
                Arguments.of("short pcap header", cut(pcap().bytes(), 14), "t.cap: byte 10: a 24-byte pcap file"
                        + " header, but the file ends after 10 bytes"),
                Arguments.of("bad magic", new byte[24], "t.cap: byte 0: a pcap magic number (a1b2c3d4 or a1b23c4d in"
                        + " either byte order), found 00000000"),
                Arguments.of("pcap version 3", ByteBuffer.wrap(pcap().bytes()).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort(4, (short) 3).array(), "t.cap: byte 4: pcap format version 2.x, found 3.4"),
                Arguments.of("pcapng byte-order magic", ByteBuffer.wrap(ng().bytes()).putInt(8, 0x01020304).array(),
                        "t.cap: byte 8: the pcapng byte-order magic 1a2b3c4d in either byte order, found 01020304"),
                Arguments.of("pcapng version 2", ByteBuffer.wrap(ng().bytes()).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort(12, (short) 2).array(), "t.cap: byte 12: pcapng major version 1, found 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fatal")
    void rejectedWithPlaceAndExpectation(String name, byte[] bytes, String message) throws Exception {
        Path f = dir.resolve("t.cap");
        Files.write(f, bytes);
        ArtifactException e = assertThrows(ArtifactException.class, () -> Captures.read(f));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> recoverable() {
        byte[] onePacket = pcap().pcapRecord(1, 0, PACKET).bytes();
        byte[] ngOne = ng().epb(0, 1, PACKET, null).bytes();
        return Stream.of(
                Arguments.of("record header cut", cut(pcap().pcapRecord(1, 0, PACKET).bytes(), 40 + 9), 0L,
                        "truncated-packet x1 (WARNING, first at packet 1 at byte 24: the record header is cut off"
                                + " after 7 of 16 bytes)"),
                Arguments.of("last record cut", cut(pcap().pcapRecord(1, 0, PACKET).pcapRecord(2, 0, PACKET).bytes(),
                        30), 1L, "truncated-packet x1 (WARNING, first at packet 2 at byte 80: the record announces 40"
                                + " bytes but the file ends after 10)"),
                Arguments.of("hostile captured length", join(onePacket, le(1, 0, 0xFFFFFFF0, 0xFFFFFFF0)), 1L,
                        "impossible-length x1 (ERROR, first at packet 2 at byte 80: captured length 4294967280"
                                + " exceeds maxRecordBytes 1000; the rest of the file cannot be framed)"),
                Arguments.of("captured longer than original", pcap().pcapRecord(1, 0, PACKET, 40, 20).bytes(), 1L,
                        "impossible-length x1 (WARNING, first at packet 1 at byte 24: captured length 40 exceeds the"
                                + " original length 20)"),
                Arguments.of("pcapng block length not a multiple of 4", join(ngOne, le(6, 13, 0)), 1L,
                        "bad-block-length x1 (ERROR, first at byte 124: block length 13 is not a multiple of 4 of at"
                                + " least 12; the rest of the file cannot be framed)"),
                Arguments.of("pcapng block past the end", cut(ng().epb(0, 1, PACKET, null).epb(0, 2, PACKET, null)
                        .bytes(), 4), 1L,
                        "truncated-packet x1 (WARNING, first at packet 2 at byte 124: a block of 72 bytes runs past"
                                + " the end of the file (68 bytes left))"),
                Arguments.of("pcapng hostile packet block", join(ngOne, le(6, 0x7FFFFFF0, 0)), 1L,
                        "impossible-length x1 (ERROR, first at packet 2 at byte 124: packet block length 2147483632"
                                + " exceeds maxRecordBytes 1000; the rest of the file is not read)"),
                Arguments.of("pcapng hostile other block", join(ngOne, le(5, 0x7FFFFFF0, 0)), 1L,
                        "truncated-packet x1 (WARNING, first at packet 2 at byte 124: a block of 2147483632 bytes"
                                + " runs past the end of the file)"),
                Arguments.of("pcapng trailing length differs", join(ngOne, le(5, 12, 16)), 1L,
                        "block-length-mismatch x1 (ERROR, first at byte 124: the trailing block length 16 differs"
                                + " from the leading 12; the rest of the file cannot be framed)"),
                Arguments.of("pcapng unknown interface", ng().epb(3, 1, PACKET, null).bytes(), 0L,
                        "bad-packet-block x1 (ERROR, first at packet 1 at byte 52: the packet names interface 3 but"
                                + " the section describes 1; the packet is skipped)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recoverable")
    void goodPacketsKeptWithDiagnostic(String name, byte[] bytes, long packets, String diagnostic) throws Exception {
        Path f = dir.resolve("t.cap");
        Files.write(f, bytes);
        Source s = PcapReader.readConnections(Captures.context(f, SMALL)).source();
        assertEquals(packets, s.summary().get("packets"));
        assertEquals(diagnostic, s.diagnostics().get(0).toString());
    }

    private static byte[] join(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
