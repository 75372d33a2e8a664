package io.incident.parsers.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds small captures byte by byte for tests: pcap and pcapng containers, and Ethernet/IPv4/IPv6/TCP frames. */
final class CaptureBytes {
    static final int SYN = 0x02;
    static final int ACK = 0x10;
    static final int FIN = 0x01;
    static final int RST = 0x04;
    static final int PSH = 0x08;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    CaptureBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    CaptureBytes pcapHeader(int magic, int linkType) {
        return raw(buf(24).putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType).array());
    }

    CaptureBytes pcapRecord(long sec, long micros, byte[] data, int capLen, int origLen) {
        raw(buf(16).putInt((int) sec).putInt((int) micros).putInt(capLen).putInt(origLen).array());
        return raw(Arrays.copyOf(data, Math.min(data.length, capLen)));
    }

    CaptureBytes pcapRecord(long sec, long micros, byte[] data) {
        return pcapRecord(sec, micros, data, data.length, data.length);
    }

    CaptureBytes shb() {
        return block(0x0A0D0D0A, buf(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .array());
    }

    /** An interface description with optional if_tsresol and if_tsoffset (null to leave out). */
    CaptureBytes idb(int linkType, Integer tsresol, Long tsoffset) {
        ByteBuffer b = buf(8 + 8 + 12 + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(0);
        if (tsresol != null) {
            b.putShort((short) 9).putShort((short) 1).put((byte) (int) tsresol).put(new byte[3]);
        }
        if (tsoffset != null) {
            b.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        b.putInt(0);
        return block(1, Arrays.copyOf(b.array(), b.position()));
    }

    CaptureBytes epb(int iface, long ts, byte[] data, String comment) {
        int padded = (data.length + 3) & ~3;
        byte[] c = comment == null ? new byte[0] : comment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = buf(20 + padded + (c.length == 0 ? 0 : 4 + ((c.length + 3) & ~3) + 4));
        b.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length);
        b.put(data).position(20 + padded);
        if (c.length > 0) {
            b.putShort((short) 1).putShort((short) c.length).put(c);
            b.position(b.position() + (((c.length + 3) & ~3) - c.length));
            b.putInt(0);
        }
        return block(6, b.array());
    }

    CaptureBytes spb(byte[] data) {
        int padded = (data.length + 3) & ~3;
        return block(3, buf(4 + padded).putInt(data.length).put(data).array());
    }

    CaptureBytes opb(int iface, long ts, byte[] data) {
        int padded = (data.length + 3) & ~3;
        return block(2, buf(20 + padded).putShort((short) iface).putShort((short) 0).putInt((int) (ts >>> 32))
                .putInt((int) ts).putInt(data.length).putInt(data.length).put(data).array());
    }

    CaptureBytes block(int type, byte[] body) {
        int len = 12 + body.length;
        return raw(buf(8).putInt(type).putInt(len).array()).raw(body).raw(buf(4).putInt(len).array());
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    /** An Ethernet frame (optionally 802.1Q-tagged) around an IPv4 or IPv6 packet. */
    static byte[] ethernet(byte[] ip, boolean vlan) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan ? 4 : 0) + ip.length);
        b.put(new byte[12]);
        if (vlan) {
            b.putShort((short) 0x8100).putShort((short) 42);
        }
        b.putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).put(ip);
        return b.array();
    }

    static byte[] ipv4(int src, int dst, byte[] tcp) {
        ByteBuffer b = ByteBuffer.allocate(20 + tcp.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcp.length)).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0).putInt(src).putInt(dst).put(tcp);
        return b.array();
    }

    /** IPv6 with one destination-options extension header before TCP. */
    static byte[] ipv6(long srcLo, long dstLo, byte[] tcp) {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + tcp.length);
        b.putInt(0x60000000).putShort((short) (8 + tcp.length)).put((byte) 60).put((byte) 64)
                .putLong(0).putLong(srcLo).putLong(0).putLong(dstLo);
        b.put((byte) 6).put((byte) 0).put(new byte[6]).put(tcp);
        return b.array();
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(20 + p.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) window).putInt(0).put(p);
        return b.array();
    }
}
