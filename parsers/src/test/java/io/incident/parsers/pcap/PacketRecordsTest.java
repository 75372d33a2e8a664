package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.parsers.ArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reading a connection's packets by their recorded offsets gives back exactly its packets, in pcap and pcapng. */
class PacketRecordsTest {
    private static Path sample(String name) {
        Path file = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", name).toAbsolutePath();
        assumeTrue(Files.exists(file), "sample capture not present: " + file);
        return file;
    }

    @Test
    void everyPacketOfAConnectionComesBackWithItsTimes() throws Exception {
        for (String name : List.of("service.pcap", "service.pcapng")) {
            Path file = sample(name);
            TcpConnections t = Captures.read(file).connections();
            for (Connection c : t.all().subList(0, Math.min(60, t.size()))) {
                List<PacketRecords.Packet> p = PacketRecords.read(file, t.packetNumbers(c), t.packetOffsets(c));
                assertEquals(c.packets(), p.size(), name + " " + c.client());
                assertEquals(c.firstTime(), p.stream().mapToLong(PacketRecords.Packet::timeNanos).min().orElse(-1));
                assertEquals(c.lastTime(), p.stream().mapToLong(PacketRecords.Packet::timeNanos).max().orElse(-1));
                for (PacketRecords.Packet k : p) {
                    assertEquals(1, k.linkType(), "Ethernet on lo");
                    assertTrue(k.data().length >= 54 && k.data().length <= k.originalLength(), name);
                }
            }
        }
    }

    @Test
    void anOffsetPastTheEndNamesTheByte(@TempDir Path tmp) throws Exception {
        Path file = sample("service.pcap");
        long size = Files.size(file);
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> PacketRecords.read(file, new long[] {1}, new long[] {size - 4}));
        assertTrue(e.getMessage().contains("byte " + (size - 4)), e.getMessage());
    }
}
