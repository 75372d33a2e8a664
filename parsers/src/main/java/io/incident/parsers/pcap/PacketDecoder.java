package io.incident.parsers.pcap;

import java.nio.ByteBuffer;

/**
 * Decodes link, IP and TCP headers in place from the read buffer into a reused {@link TcpSegment}.
 *
 * <p>Why by hand and not with pcap4j: this runs once per packet on captures of millions of packets. pcap4j builds an
 * object tree per packet (~600 ns and 2.5-4 KB of garbage each); reading the dozen fields the tracker needs with
 * absolute gets on the big-endian view costs a few nanoseconds and allocates nothing. Full protocol decoding of a
 * selected packet is the UI's business and may use a library there.
 */
final class PacketDecoder {
    static final int TCP = 0;
    static final int OTHER = 1;
    static final int UNKNOWN_LINK = 2;
    static final int MALFORMED = 3;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final long V4_MAPPED = 0xFFFF_0000_0000L;

    private PacketDecoder() {
    }

    /** Decodes the packet at {@code [off, off+len)} of big-endian {@code b}; fills {@code seg} when it returns TCP. */
    static int decode(int linkType, ByteBuffer b, int off, int len, TcpSegment seg) {
        int end = off + len;
        seg.ipBeyondCapture = false;
        switch (linkType) {
            case LinkTypes.EN10MB:
                return ethernet(b, off, end, seg);
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                return off + 4 > end ? MALFORMED : ipByVersion(b, off + 4, end, seg);
            case LinkTypes.RAW:
            case LinkTypes.RAW_BSD:
            case LinkTypes.RAW_OPENBSD:
                return ipByVersion(b, off, end, seg);
            case LinkTypes.IPV4:
                return ipv4(b, off, end, seg);
            case LinkTypes.IPV6:
                return ipv6(b, off, end, seg);
            case LinkTypes.LINUX_SLL:
                return off + 16 > end ? MALFORMED : byEtherType(b.getShort(off + 14) & 0xffff, b, off + 16, end, seg);
            case LinkTypes.LINUX_SLL2:
                return off + 20 > end ? MALFORMED : byEtherType(b.getShort(off) & 0xffff, b, off + 20, end, seg);
            default:
                return UNKNOWN_LINK;
        }
    }

    private static int ethernet(ByteBuffer b, int off, int end, TcpSegment seg) {
        int p = off + 12;
        if (p + 2 > end) {
            return MALFORMED;
        }
        int type = b.getShort(p) & 0xffff;
        // 802.1Q, 802.1ad and the old QinQ tag: 4 bytes each, possibly stacked.
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            p += 4;
            if (p + 2 > end) {
                return MALFORMED;
            }
            type = b.getShort(p) & 0xffff;
        }
        return byEtherType(type, b, p + 2, end, seg);
    }

    private static int byEtherType(int type, ByteBuffer b, int off, int end, TcpSegment seg) {
        if (type == ETH_IPV4) {
            return ipv4(b, off, end, seg);
        }
        if (type == ETH_IPV6) {
            return ipv6(b, off, end, seg);
        }
        return OTHER;
    }

    private static int ipByVersion(ByteBuffer b, int off, int end, TcpSegment seg) {
        if (off >= end) {
            return MALFORMED;
        }
        int version = (b.get(off) & 0xff) >>> 4;
        return version == 4 ? ipv4(b, off, end, seg) : version == 6 ? ipv6(b, off, end, seg) : OTHER;
    }

    private static int ipv4(ByteBuffer b, int off, int end, TcpSegment seg) {
        if (off + 20 > end) {
            return MALFORMED;
        }
        int vihl = b.get(off) & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20 || off + ihl > end) {
            return MALFORMED;
        }
        int total = b.getShort(off + 2) & 0xffff;
        if (total == 0) {
            // TSO / BIG TCP: the stack left the length zero; the capture holds the real size.
            total = end - off;
        } else if (total < ihl) {
            return MALFORMED;
        }
        seg.ipBeyondCapture = total > end - off;
        int frag = b.getShort(off + 6) & 0xffff;
        if ((frag & 0x3fff) != 0) {
            // A fragment: its TCP header is either absent or belongs to a datagram we do not reassemble.
            return OTHER;
        }
        if ((b.get(off + 9) & 0xff) != 6) {
            return OTHER;
        }
        seg.srcHi = 0;
        seg.srcLo = V4_MAPPED | (b.getInt(off + 12) & 0xffffffffL);
        seg.dstHi = 0;
        seg.dstLo = V4_MAPPED | (b.getInt(off + 16) & 0xffffffffL);
        return tcp(b, off + ihl, Math.min(end, off + total), total - ihl, seg);
    }

    private static int ipv6(ByteBuffer b, int off, int end, TcpSegment seg) {
        if (off + 40 > end) {
            return MALFORMED;
        }
        if (((b.get(off) & 0xff) >>> 4) != 6) {
            return MALFORMED;
        }
        int payload = b.getShort(off + 4) & 0xffff;
        if (payload == 0) {
            // Jumbogram or BIG TCP: the hop-by-hop jumbo option carries the length; the capture holds the real size.
            payload = end - off - 40;
        }
        seg.ipBeyondCapture = 40 + payload > end - off;
        int next = b.get(off + 6) & 0xff;
        seg.srcHi = b.getLong(off + 8);
        seg.srcLo = b.getLong(off + 16);
        seg.dstHi = b.getLong(off + 24);
        seg.dstLo = b.getLong(off + 32);
        int p = off + 40;
        int limit = off + 40 + payload;
        for (int hops = 0; hops < 16; hops++) {
            switch (next) {
                case 6:
                    return tcp(b, p, Math.min(end, limit), limit - p, seg);
                case 0, 43, 60, 135, 139, 140: {
                    if (p + 2 > end) {
                        return MALFORMED;
                    }
                    next = b.get(p) & 0xff;
                    p += 8 + (b.get(p + 1) & 0xff) * 8;
                    break;
                }
                case 44: {
                    if (p + 8 > end) {
                        return MALFORMED;
                    }
                    if ((b.getShort(p + 2) & 0xfff9) != 0) {
                        return OTHER;
                    }
                    next = b.get(p) & 0xff;
                    p += 8;
                    break;
                }
                case 51: {
                    if (p + 2 > end) {
                        return MALFORMED;
                    }
                    next = b.get(p) & 0xff;
                    p += ((b.get(p + 1) & 0xff) + 2) * 4;
                    break;
                }
                default:
                    return OTHER;
            }
        }
        return MALFORMED;
    }

    private static int tcp(ByteBuffer b, int off, int end, int ipPayload, TcpSegment seg) {
        if (off + 20 > end) {
            return MALFORMED;
        }
        int hlen = ((b.get(off + 12) & 0xff) >>> 4) * 4;
        if (hlen < 20 || hlen > ipPayload || off + hlen > end) {
            // A header whose options are cut by the snap length is not tracked, as tshark does not.
            return MALFORMED;
        }
        seg.srcPort = b.getShort(off) & 0xffff;
        seg.dstPort = b.getShort(off + 2) & 0xffff;
        seg.seq = b.getInt(off + 4) & 0xffffffffL;
        seg.ack = b.getInt(off + 8) & 0xffffffffL;
        seg.flags = b.get(off + 13) & 0xff;
        seg.window = b.getShort(off + 14) & 0xffff;
        seg.payloadLength = ipPayload - hlen;
        seg.payloadOffset = off + hlen;
        seg.capturedPayload = Math.min(end - off - hlen, seg.payloadLength);
        return TCP;
    }
}
