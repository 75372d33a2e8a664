package io.incident.parsers.pcap;

import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The pcapng container: sections (each with its own byte order and interfaces), interface descriptions with their
 * timestamp resolution and offset, enhanced / simple / obsolete packet blocks. Other blocks are skipped by their
 * length.
 */
final class PcapngFile {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int MAX_INTERFACES = 1 << 16;

    private final String name;
    private final ChannelInput in;
    private final PacketSink sink;
    private final Diagnostics diag;
    private final long maxRecordBytes;

    private int interfaces;
    private int[] linkTypes = new int[4];
    private long[] snapLens = new long[4];
    private TimeUnit[] units = new TimeUnit[4];
    private long packets;

    private PcapngFile(String name, ChannelInput in, PacketSink sink, Diagnostics diag, long maxRecordBytes) {
        this.name = name;
        this.in = in;
        this.sink = sink;
        this.diag = diag;
        this.maxRecordBytes = maxRecordBytes;
    }

    static void read(String name, ChannelInput in, PacketSink sink, Diagnostics diag, long maxRecordBytes)
            throws IOException, ArtifactException {
        new PcapngFile(name, in, sink, diag, maxRecordBytes).blocks();
    }

    private void blocks() throws IOException, ArtifactException {
        boolean first = true;
        while (true) {
            long offset = in.offset();
            if (!in.ensure(12)) {
                if (first) {
                    // Nothing readable yet: there is no section to keep, so this is not a capture we can read.
                    throw ArtifactException.atByte(name, offset, "a pcapng section header block of at least 28 bytes;"
                            + " the file has " + in.available());
                }
                if (in.available() > 0) {
                    truncated(offset, "a block header is cut off after " + in.available() + " bytes");
                }
                return;
            }
            ByteBuffer b = in.buffer();
            int type = b.getInt(in.position());
            if (type == SHB) {
                if (!sectionOrder(offset, first)) {
                    return;
                }
            } else if (first) {
                throw ArtifactException.atByte(name, 0, "a pcapng section header block");
            }
            first = false;
            b = in.buffer();
            long length = b.getInt(in.position() + 4) & 0xffffffffL;
            if (length < 12 || (length & 3) != 0) {
                diag.error("bad-block-length", "byte " + offset, "block length " + length
                        + " is not a multiple of 4 of at least 12; the rest of the file cannot be framed");
                return;
            }
            boolean packetBlock = type == EPB || type == SPB || type == OPB;
            if (length > maxRecordBytes) {
                if (packetBlock) {
                    diag.error("impossible-length", where(offset), "packet block length " + length
                            + " exceeds maxRecordBytes " + maxRecordBytes + "; the rest of the file is not read");
                    return;
                }
                if (in.skip(length) < length) {
                    truncated(offset, "a block of " + length + " bytes runs past the end of the file");
                    return;
                }
                continue;
            }
            if (!in.ensure((int) length)) {
                if (type == SHB && offset == 0) {
                    throw ArtifactException.atByte(name, 0, "a section header block of " + length
                            + " bytes; the file has " + in.available());
                }
                truncated(offset, "a block of " + length + " bytes runs past the end of the file ("
                        + in.available() + " bytes left)");
                return;
            }
            b = in.buffer();
            int p = in.position();
            if ((b.getInt(p + (int) length - 4) & 0xffffffffL) != length) {
                diag.error("block-length-mismatch", "byte " + offset, "the trailing block length "
                        + (b.getInt(p + (int) length - 4) & 0xffffffffL) + " differs from the leading " + length
                        + "; the rest of the file cannot be framed");
                return;
            }
            block(type, p, (int) length, offset);
            in.advance((int) length);
        }
    }

    private String where(long offset) {
        return "packet " + (packets + 1) + " at byte " + offset;
    }

    private void truncated(long offset, String message) {
        diag.warn("truncated-packet", where(offset), message);
    }

    /** Reads the byte-order magic of a section header and starts a new section; false when the file cannot go on. */
    private boolean sectionOrder(long offset, boolean first) throws IOException, ArtifactException {
        if (!in.ensure(16)) {
            if (first) {
                throw ArtifactException.atByte(name, offset, "a complete pcapng section header block");
            }
            truncated(offset, "a section header block is cut off");
            return false;
        }
        ByteBuffer b = in.buffer();
        int bom = b.order(ByteOrder.BIG_ENDIAN).getInt(in.position() + 8);
        if (bom == BYTE_ORDER_MAGIC) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
            in.order(ByteOrder.LITTLE_ENDIAN);
        } else if (first) {
            throw ArtifactException.atByte(name, offset + 8, String.format(
                    "the pcapng byte-order magic 1a2b3c4d in either byte order, found %08x", bom));
        } else {
            diag.error("bad-section-header", "byte " + offset, String.format(
                    "byte-order magic %08x is neither 1a2b3c4d nor 4d3c2b1a; the rest of the file is not read", bom));
            return false;
        }
        int major = in.buffer().getShort(in.position() + 12) & 0xffff;
        if (major != 1) {
            if (first) {
                throw ArtifactException.atByte(name, offset + 12, "pcapng major version 1, found " + major);
            }
            diag.error("bad-section-header", "byte " + offset, "pcapng major version " + major
                    + " is not 1; the rest of the file is not read");
            return false;
        }
        interfaces = 0;
        return true;
    }

    private void block(int type, int p, int length, long offset) throws IOException {
        ByteBuffer b = in.buffer();
        switch (type) {
            case IDB -> interfaceBlock(b, p, length, offset);
            case EPB -> {
                if (length < 32) {
                    badPacket(offset, "an enhanced packet block of " + length + " bytes is too short");
                    return;
                }
                long capLen = b.getInt(p + 20) & 0xffffffffL;
                packet(b.getInt(p + 8), b.getInt(p + 12), b.getInt(p + 16), capLen, b.getInt(p + 24) & 0xffffffffL,
                        p + 28, p + length - 4, offset);
            }
            case OPB -> {
                if (length < 32) {
                    badPacket(offset, "an obsolete packet block of " + length + " bytes is too short");
                    return;
                }
                long capLen = b.getInt(p + 20) & 0xffffffffL;
                packet(b.getShort(p + 8) & 0xffff, b.getInt(p + 12), b.getInt(p + 16), capLen,
                        b.getInt(p + 24) & 0xffffffffL, p + 28, p + length - 4, offset);
            }
            case SPB -> simplePacket(b, p, length, offset);
            case SHB, 4, 5, 9, 10, 0x0BAD, 0x40000BAD, 0x40000BAE, 0x80000001 -> {
                // Section header (already handled), name resolution, statistics, journal export, decryption secrets,
                // custom blocks: nothing the timeline uses.
            }
            default -> diag.info("unknown-block", "byte " + offset, String.format(
                    "block type 0x%08x (%d bytes) skipped by its length", type, length));
        }
    }

    private void interfaceBlock(ByteBuffer b, int p, int length, long offset) {
        if (length < 20) {
            diag.error("bad-interface", "byte " + offset, "an interface description block of " + length
                    + " bytes is too short; its packets will be dropped");
            return;
        }
        if (interfaces == MAX_INTERFACES) {
            diag.error("bad-interface", "byte " + offset, "more than " + MAX_INTERFACES + " interfaces in a section");
            return;
        }
        if (interfaces == linkTypes.length) {
            linkTypes = Arrays.copyOf(linkTypes, interfaces * 2);
            snapLens = Arrays.copyOf(snapLens, interfaces * 2);
            units = Arrays.copyOf(units, interfaces * 2);
        }
        linkTypes[interfaces] = b.getShort(p + 8) & 0xffff;
        snapLens[interfaces] = b.getInt(p + 12) & 0xffffffffL;
        int resolution = 6;
        long offsetSeconds = 0;
        int o = p + 16;
        int end = p + length - 4;
        while (o + 4 <= end) {
            int code = b.getShort(o) & 0xffff;
            int len = b.getShort(o + 2) & 0xffff;
            if (code == 0 || o + 4 + len > end) {
                break;
            }
            if (code == 9 && len >= 1) {
                resolution = b.get(o + 4) & 0xff;
            } else if (code == 14 && len >= 8) {
                offsetSeconds = b.getLong(o + 4);
            }
            o += 4 + ((len + 3) & ~3);
        }
        units[interfaces] = TimeUnit.of(resolution, offsetSeconds);
        interfaces++;
    }

    private void packet(int iface, int tsHigh, int tsLow, long capLen, long origLen, int data, int end, long offset)
            throws IOException {
        if (iface < 0 || iface >= interfaces) {
            badPacket(offset, "the packet names interface " + iface + " but the section describes " + interfaces);
            return;
        }
        if (capLen > end - data) {
            badPacket(offset, "captured length " + capLen + " runs past the end of its block");
            return;
        }
        long ts = ((long) tsHigh << 32) | (tsLow & 0xffffffffL);
        long time = units[iface].nanos(ts);
        packets++;
        sink.packet(linkTypes[iface], data, (int) capLen, origLen, time, offset);
        int o = data + (int) ((capLen + 3) & ~3);
        ByteBuffer b = in.buffer();
        while (o + 4 <= end) {
            int code = b.getShort(o) & 0xffff;
            int len = b.getShort(o + 2) & 0xffff;
            if (code == 0 || o + 4 + len > end) {
                break;
            }
            if (code == 1 && len > 0) {
                byte[] text = new byte[len];
                b.get(o + 4, text);
                sink.comment(time, new String(text, StandardCharsets.UTF_8));
            }
            o += 4 + ((len + 3) & ~3);
        }
    }

    private void simplePacket(ByteBuffer b, int p, int length, long offset) throws IOException {
        if (length < 16 || interfaces == 0) {
            badPacket(offset, interfaces == 0 ? "a simple packet block before any interface description"
                    : "a simple packet block of " + length + " bytes is too short");
            return;
        }
        long origLen = b.getInt(p + 8) & 0xffffffffL;
        long capLen = Math.min(origLen, length - 16L);
        if (snapLens[0] > 0) {
            capLen = Math.min(capLen, snapLens[0]);
        }
        packets++;
        sink.packet(linkTypes[0], p + 12, (int) capLen, origLen, -1, offset);
    }

    private void badPacket(long offset, String message) {
        diag.error("bad-packet-block", where(offset), message + "; the packet is skipped");
    }

    /** One interface's timestamp unit (if_tsresol) and offset (if_tsoffset), converting raw stamps to epoch nanos. */
    record TimeUnit(boolean binary, int exponent, long offsetNanos) {
        static TimeUnit of(int resolution, long offsetSeconds) {
            boolean binary = (resolution & 0x80) != 0;
            int exponent = resolution & 0x7f;
            return new TimeUnit(binary, exponent, saturate(offsetSeconds, 1_000_000_000L));
        }

        long nanos(long ts) {
            long n;
            if (binary) {
                int e = Math.min(exponent, 63);
                long whole = e == 0 ? ts : ts >>> e;
                long frac = e == 0 ? 0 : ts & ((1L << e) - 1);
                long scaled = frac << (64 - e);
                // Unsigned high product of the binary fraction and 1e9 (Math.unsignedMultiplyHigh is Java 18+).
                long fracNanos = Math.multiplyHigh(scaled, 1_000_000_000L) + ((scaled >> 63) & 1_000_000_000L);
                n = saturate(whole, 1_000_000_000L) + fracNanos;
            } else if (exponent <= 9) {
                n = saturate(ts, POW10[9 - exponent]);
            } else {
                n = exponent - 9 >= POW10.length ? 0 : Long.divideUnsigned(ts, POW10[exponent - 9]);
            }
            return n + offsetNanos;
        }

        private static final long[] POW10 = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 1_000_000_000_000_000_000L};

        private static long saturate(long a, long b) {
            long hi = Math.multiplyHigh(a, b);
            long lo = a * b;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return lo;
            }
            return a < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }
}
