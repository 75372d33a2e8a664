package io.incident.app.network;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.pcap.CaptureModel;
import io.incident.parsers.pcap.Connection;
import io.incident.parsers.pcap.PacketRecords;
import io.incident.parsers.pcap.TcpConnections;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * The detailed decode of one connection's packets, for a person who selected it: the records are re-read at the
 * offsets the reader recorded and decoded with pcap4j. pcap4j is unmaintained since 2019 and slow, which is fine for a
 * few hundred packets on demand; reading captures stays hand-parsed.
 */
public final class PacketDetails {
    /** At most this many packets are decoded for one connection; the rest are counted. */
    public static final int MAX_PACKETS = 200;

    private PacketDetails() {
    }

    /** Text for the connection with this id: one header line and pcap4j's decode per packet. */
    public static String describe(Path file, CaptureModel capture, int id) throws ArtifactException {
        TcpConnections table = capture.connections();
        if (id < 0 || id >= table.size()) {
            return "Connection " + id + " is not in " + file.getFileName() + ".";
        }
        Connection c = table.get(id);
        long[] numbers = table.packetNumbers(c);
        long[] offsets = table.packetOffsets(c);
        int n = Math.min(numbers.length, MAX_PACKETS);
        List<PacketRecords.Packet> packets = PacketRecords.read(file, Arrays.copyOf(numbers, n), Arrays.copyOf(offsets, n));
        StringBuilder out = new StringBuilder();
        out.append(c.client()).append(" \u2192 ").append(c.server()).append(", ").append(c.packets())
                .append(" packets, ").append(c.state().text()).append('\n');
        if (numbers.length > n) {
            out.append("(the first ").append(n).append(" of ").append(numbers.length).append(" packets)\n");
        }
        for (PacketRecords.Packet p : packets) {
            out.append("\n#").append(p.number()).append("  ")
                    .append(p.timeNanos() < 0 ? "no time" : Instant.ofEpochSecond(0, p.timeNanos()).toString())
                    .append("  ").append(p.data().length).append(" of ").append(p.originalLength())
                    .append(" bytes captured, file byte ").append(p.offset()).append('\n');
            out.append(decode(p));
        }
        return out.toString();
    }

    /** pcap4j's multi-line decode, or why it could not decode (pcap4j throws unchecked exceptions on odd data). */
    static String decode(PacketRecords.Packet p) {
        try {
            Packet packet = PacketFactories.getFactory(Packet.class, DataLinkType.class)
                    .newInstance(p.data(), 0, p.data().length, DataLinkType.getInstance(p.linkType()));
            return packet.toString();
        } catch (RuntimeException e) {
            return "  (pcap4j could not decode link type " + p.linkType() + ": " + e + ")\n";
        }
    }
}
