package io.incident.parsers.pcap;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;

/**
 * Classic libpcap files: both byte orders, microsecond and nanosecond magics. The model holds the "TCP connections"
 * spans, the "TCP resets" instants and the open / new / reset / retransmission counters; the summary counts packets
 * (as capinfos -c does), link types (DLT names), connections (as tshark -z conv,tcp does), how they ended
 * (openAtEnd includes half-closed ones, so closedByFin + closedByRst + openAtEnd = tcpConnections), retransmissions
 * and packets cut by the snap length. {@link #readConnections} also returns the full connection table.
 */
public final class PcapReader implements FormatReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;

    @Override
    public SourceKind kind() {
        return SourceKind.PCAP;
    }

    @Override
    public boolean recognizes(Head head) {
        // A gzipped capture (tcpdump -z gzip, *.pcap.gz) is read through the bounded gunzip like tshark reads it.
        if (head.length() < 4) {
            return false;
        }
        int be = (head.byteAt(0) << 24) | (head.byteAt(1) << 16) | (head.byteAt(2) << 8) | head.byteAt(3);
        int le = Integer.reverseBytes(be);
        return be == MAGIC_MICROS || be == MAGIC_NANOS || le == MAGIC_MICROS || le == MAGIC_NANOS;
    }

    /** Reads the capture with its full TCP connection table (both pcap and pcapng are accepted). */
    public static CaptureModel readConnections(ReadContext context) throws ArtifactException {
        return CaptureReader.read(context, true);
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        return CaptureReader.read(context, false).source();
    }
}
