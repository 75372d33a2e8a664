package io.incident.parsers.pcap;

import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The classic libpcap container: a 24-byte file header, then 16-byte record headers each followed by the packet. */
final class PcapFile {
    static final int HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private PcapFile() {
    }

    /** Reads every record into {@code sink}; returns the link type. Problems after the header are diagnostics. */
    static int read(String name, ChannelInput in, PacketSink sink, Diagnostics diag, long maxRecordBytes)
            throws IOException, ArtifactException {
        if (!in.ensure(HEADER)) {
            throw ArtifactException.atByte(name, in.available(), "a 24-byte pcap file header, but the file ends after "
                    + in.available() + " bytes");
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(p);
        if (magic != PcapReader.MAGIC_MICROS && magic != PcapReader.MAGIC_NANOS) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(p);
            if (magic != PcapReader.MAGIC_MICROS && magic != PcapReader.MAGIC_NANOS) {
                throw ArtifactException.atByte(name, 0, String.format(
                        "a pcap magic number (a1b2c3d4 or a1b23c4d in either byte order), found %08x", b.getInt(p)));
            }
        }
        in.order(b.order());
        long fracToNanos = magic == PcapReader.MAGIC_NANOS ? 1 : 1000;
        long fracLimit = magic == PcapReader.MAGIC_NANOS ? 1_000_000_000L : 1_000_000L;
        int major = b.getShort(p + 4) & 0xffff;
        if (major != 2) {
            throw ArtifactException.atByte(name, 4, "pcap format version 2.x, found " + major + "."
                    + (b.getShort(p + 6) & 0xffff));
        }
        int linkType = b.getInt(p + 20) & 0x0FFF_FFFF;
        in.advance(HEADER);
        long number = 0;
        while (true) {
            long offset = in.offset();
            if (!in.ensure(RECORD_HEADER)) {
                if (in.available() > 0) {
                    diag.warn("truncated-packet", "packet " + (number + 1) + " at byte " + offset,
                            "the record header is cut off after " + in.available() + " of 16 bytes");
                }
                return linkType;
            }
            b = in.buffer();
            p = in.position();
            long sec = b.getInt(p) & 0xffffffffL;
            long frac = b.getInt(p + 4) & 0xffffffffL;
            long capLen = b.getInt(p + 8) & 0xffffffffL;
            long origLen = b.getInt(p + 12) & 0xffffffffL;
            number++;
            if (capLen > maxRecordBytes) {
                diag.error("impossible-length", "packet " + number + " at byte " + offset, "captured length " + capLen
                        + " exceeds maxRecordBytes " + maxRecordBytes + "; the rest of the file cannot be framed");
                return linkType;
            }
            if (frac >= fracLimit) {
                diag.info("invalid-timestamp", "packet " + number + " at byte " + offset,
                        "timestamp fraction " + frac + " is not below " + fracLimit);
            }
            if (!in.ensure(RECORD_HEADER + (int) capLen)) {
                diag.warn("truncated-packet", "packet " + number + " at byte " + offset, "the record announces "
                        + capLen + " bytes but the file ends after " + (in.available() - RECORD_HEADER));
                return linkType;
            }
            long time = sec * 1_000_000_000L + frac * fracToNanos;
            sink.packet(linkType, in.position() + RECORD_HEADER, (int) capLen, origLen, time, offset);
            in.advance(RECORD_HEADER + (int) capLen);
        }
    }
}
