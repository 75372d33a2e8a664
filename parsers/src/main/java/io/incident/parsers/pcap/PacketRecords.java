package io.incident.parsers.pcap;

import io.incident.parsers.ArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads single packet records of an uncompressed pcap or pcapng file at the byte offsets a
 * {@link TcpConnections} recorded, for the detailed decode of the packets a person selects. Random access, a few
 * records at a time; every length is checked against the record and the file.
 */
public final class PacketRecords {
    /** One packet's bytes as captured, with where it came from. */
    public record Packet(long number, long offset, long timeNanos, int linkType, long originalLength, byte[] data) {
    }

    private static final int MAX_RECORD = 1 << 20;
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int SPB = 3;

    private PacketRecords() {
    }

    /** Reads the records at {@code offsets} (numbers are the packets' 1-based numbers, for display). */
    public static List<Packet> read(Path file, long[] numbers, long[] offsets) throws ArtifactException {
        String name = file.getFileName().toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = bytes(ch, 0, 28, name);
            if ((head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b) {
                throw new ArtifactException(name, "byte 0", "an uncompressed capture: packets of a gzipped capture "
                        + "cannot be re-read by offset");
            }
            int magic = head.order(ByteOrder.BIG_ENDIAN).getInt(0);
            List<Packet> out = new ArrayList<>(offsets.length);
            if (magic == SHB) {
                Pcapng ng = Pcapng.open(ch, name);
                for (int i = 0; i < offsets.length; i++) {
                    out.add(ng.packet(ch, numbers[i], offsets[i], name));
                }
                return out;
            }
            ByteOrder order = magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                    ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            head.order(order);
            boolean nanos = head.getInt(0) == PcapReader.MAGIC_NANOS;
            if (!nanos && head.getInt(0) != PcapReader.MAGIC_MICROS) {
                throw new ArtifactException(name, "byte 0", "a pcap or pcapng magic number");
            }
            int linkType = head.getInt(20) & 0x0FFF_FFFF;
            for (int i = 0; i < offsets.length; i++) {
                ByteBuffer h = bytes(ch, offsets[i], 16, name).order(order);
                long capLen = h.getInt(8) & 0xffffffffL;
                if (capLen > MAX_RECORD) {
                    throw new ArtifactException(name, "byte " + offsets[i], "a packet record of at most "
                            + MAX_RECORD + " bytes, found " + capLen);
                }
                long time = (h.getInt(0) & 0xffffffffL) * 1_000_000_000L + (h.getInt(4) & 0xffffffffL)
                        * (nanos ? 1 : 1000);
                out.add(new Packet(numbers[i], offsets[i], time, linkType, h.getInt(12) & 0xffffffffL,
                        bytes(ch, offsets[i] + 16, (int) capLen, name).array()));
            }
            return out;
        } catch (IOException e) {
            throw new ArtifactException(name, "file", "a readable capture (" + e.getMessage() + ")", e);
        }
    }

    static ByteBuffer bytes(FileChannel ch, long at, int n, String name) throws IOException, ArtifactException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new ArtifactException(name, "byte " + at, n + " bytes of a record, but the file ends at byte "
                        + (at + b.position()));
            }
        }
        return b.flip();
    }

    /** The first section's byte order, interface link types and timestamp resolutions. */
    private record Pcapng(ByteOrder order, List<int[]> interfaces) {
        static Pcapng open(FileChannel ch, String name) throws IOException, ArtifactException {
            ByteBuffer shb = bytes(ch, 0, 12, name);
            ByteOrder order = shb.order(ByteOrder.BIG_ENDIAN).getInt(8) == 0x1A2B3C4D
                    ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            List<int[]> interfaces = new ArrayList<>();
            long at = 0;
            long size = ch.size();
            // Interface blocks come before the packets that use them; stop at the first packet block.
            for (int guard = 0; at + 12 <= size && guard < 10_000; guard++) {
                ByteBuffer h = bytes(ch, at, 8, name).order(order);
                int type = h.getInt(0);
                long len = h.getInt(4) & 0xffffffffL;
                if (len < 12 || len > MAX_RECORD * 16L) {
                    throw new ArtifactException(name, "byte " + at, "a pcapng block length of at least 12");
                }
                if (type == EPB || type == SPB) {
                    break;
                }
                if (type == IDB) {
                    ByteBuffer idb = bytes(ch, at, (int) len, name).order(order);
                    interfaces.add(new int[] {idb.getShort(8) & 0xffff, resolution(idb, (int) len)});
                }
                at += len;
            }
            return new Pcapng(order, interfaces);
        }

        /** Nanoseconds per timestamp unit from if_tsresol (option 9); 1000 (microseconds) when absent. */
        private static int resolution(ByteBuffer idb, int len) {
            int p = 16;
            while (p + 4 <= len - 4) {
                int code = idb.getShort(p) & 0xffff;
                int olen = idb.getShort(p + 2) & 0xffff;
                if (code == 0) {
                    break;
                }
                if (code == 9 && olen >= 1) {
                    int v = idb.get(p + 4) & 0xff;
                    if ((v & 0x80) == 0 && v <= 9) {
                        return (int) Math.pow(10, 9 - v);
                    }
                }
                p += 4 + ((olen + 3) & ~3);
            }
            return 1000;
        }

        Packet packet(FileChannel ch, long number, long offset, String name) throws IOException, ArtifactException {
            ByteBuffer h = bytes(ch, offset, 28, name).order(order);
            int type = h.getInt(0);
            long len = h.getInt(4) & 0xffffffffL;
            if (type == EPB) {
                int iface = h.getInt(8);
                long capLen = h.getInt(20) & 0xffffffffL;
                if (capLen > MAX_RECORD || capLen + 32 > len) {
                    throw new ArtifactException(name, "byte " + offset, "an enhanced packet block holding its "
                            + capLen + " captured bytes");
                }
                int[] i = iface >= 0 && iface < interfaces.size() ? interfaces.get(iface) : new int[] {1, 1000};
                long ts = ((h.getInt(12) & 0xffffffffL) << 32) | (h.getInt(16) & 0xffffffffL);
                return new Packet(number, offset, ts * i[1], i[0], h.getInt(24) & 0xffffffffL,
                        bytes(ch, offset + 28, (int) capLen, name).array());
            }
            if (type == SPB) {
                long orig = h.getInt(8) & 0xffffffffL;
                long capLen = Math.min(orig, len - 16);
                if (capLen < 0 || capLen > MAX_RECORD) {
                    throw new ArtifactException(name, "byte " + offset, "a simple packet block of a sane length");
                }
                int link = interfaces.isEmpty() ? 1 : interfaces.get(0)[0];
                return new Packet(number, offset, -1, link, orig, bytes(ch, offset + 12, (int) capLen, name).array());
            }
            throw new ArtifactException(name, "byte " + offset, "a packet block (type 3 or 6), found type " + type);
        }
    }
}
