package io.incident.parsers.pcap;

import io.incident.model.Columns;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows every TCP connection through its lifecycle, one segment at a time, without allocating per packet: an
 * open-addressing table maps the 4-tuple (either direction) to the current {@link Connection}, and all per-connection
 * state lives in that one object. A SYN whose sequence number differs from the first one seen in that direction starts
 * a new connection on the same 4-tuple, as tshark's tcp.stream does.
 */
final class TcpTracker {
    /** Wireshark's default out-of-order window when the RTT is not known. */
    private static final long OOO_WINDOW_NANOS = 3_000_000L;

    private final List<Connection> connections = new ArrayList<>();
    private long[] slots = new long[1 << 12];
    private int used;

    private final Columns.Longs rstTimes = new Columns.Longs();
    private final Columns.Ints rstConnections = new Columns.Ints();
    private final Columns.Ints rstDirections = new Columns.Ints();
    private final Columns.Longs retransmissionTimes = new Columns.Longs();
    private final PacketIndex packets;
    private final TextCache texts = new TextCache();
    private int messagesLeft = Connection.MAX_MESSAGES_PER_CAPTURE;

    /** @param packetOffsets whether to keep where each packet lies, for re-reading a connection's packets */
    TcpTracker(boolean packetOffsets) {
        packets = packetOffsets ? new PacketIndex() : PacketIndex.countingOnly();
    }

    /** Records that a packet exists (every packet, TCP or not); returns its index (packet number - 1). */
    int packet(long fileOffset) {
        return packets.add(fileOffset);
    }

    void segment(TcpSegment s, int packetIndex, ByteBuffer b) {
        Connection c = find(s);
        boolean synOnly = (s.flags & (TcpSegment.SYN | TcpSegment.ACK)) == TcpSegment.SYN;
        if (c == null) {
            c = open(s, synOnly);
        } else if (synOnly) {
            int d = c.direction(s.srcHi, s.srcLo, s.srcPort);
            if (c.side(d).firstSeq >= 0 && c.side(d).firstSeq != s.seq) {
                c = open(s, true);
            }
        }
        int dir = c.direction(s.srcHi, s.srcLo, s.srcPort);
        track(c, dir, s);
        if (s.capturedPayload > 0) {
            PayloadLabels.inspect(c, dir, b, s.payloadOffset, s.capturedPayload, s.time, texts);
        }
        if (c.lastPacket >= 0) {
            packets.next(c.lastPacket, packetIndex);
        } else {
            c.firstPacket = packetIndex;
        }
        c.lastPacket = packetIndex;
    }

    private void track(Connection c, int dir, TcpSegment s) {
        long t = s.time;
        if (c.lastTime >= 0) {
            long gap = t - c.lastTime;
            if (gap > c.idleLongest) {
                c.idleLongest = gap;
            }
            if (gap >= Connection.IDLE_GAP_NANOS) {
                c.idleTotal += gap;
            }
        }
        if (s.payloadLength > 0 || s.has(TcpSegment.SYN) || s.has(TcpSegment.FIN) || s.has(TcpSegment.RST)) {
            if (c.lastActivity >= 0 && t - c.lastActivity >= Connection.IDLE_GAP_NANOS) {
                c.noteIdle(c.lastActivity, t - c.lastActivity, c.lastActivitySide);
            }
            if (t >= c.lastActivity) {
                c.lastActivity = t;
                c.lastActivitySide = dir;
            }
        }
        if (c.firstTime < 0 || t < c.firstTime) {
            c.firstTime = t;
        }
        if (t > c.lastTime) {
            c.lastTime = t;
        }
        Connection.Side me = c.side(dir);
        me.packets++;
        me.bytes += s.payloadLength;
        if (me.firstSeq < 0) {
            me.firstSeq = s.seq;
        }
        boolean syn = s.has(TcpSegment.SYN);
        boolean fin = s.has(TcpSegment.FIN);
        boolean rst = s.has(TcpSegment.RST);
        if (syn && !s.has(TcpSegment.ACK)) {
            if (c.synTime < 0) {
                c.synTime = t;
            }
            if (c.synAckTime < 0) {
                c.lastSynTime = t;
            }
        } else if (syn && s.has(TcpSegment.ACK) && c.synAckTime < 0) {
            c.synAckTime = t;
        } else if (!syn && dir == 0 && s.has(TcpSegment.ACK) && c.synAckTime >= 0 && c.ackTime < 0) {
            c.ackTime = t;
        }
        long nextBefore = me.nextSeq;
        sequence(c, dir, s, syn, fin, rst);
        if (s.payloadLength > 0 && me.nextSeq != nextBefore) {
            long fresh = nextBefore < 0 ? s.payloadLength : Math.min(s.payloadLength, (me.nextSeq - nextBefore) & 0xffffffffL);
            if (c.noteData(dir, t, fresh, messagesLeft > 0)) {
                messagesLeft--;
            }
        }
        if (s.has(TcpSegment.ACK) && (me.highestAck < 0 || after(s.ack, me.highestAck))) {
            me.highestAck = s.ack;
        }
        if (fin && me.finTime < 0) {
            me.finTime = t;
        }
        if (rst) {
            reset(c, dir, t);
        }
    }

    private void sequence(Connection c, int dir, TcpSegment s, boolean syn, boolean fin, boolean rst) {
        long segLen = s.payloadLength + (syn ? 1 : 0) + (fin ? 1 : 0);
        Connection.Side me = c.side(dir);
        long next = me.nextSeq;
        if (s.window == 0 && !syn && !fin && !rst) {
            c.rare().zeroWindow++;
        }
        if (next >= 0 && !rst) {
            if (s.payloadLength <= 1 && !syn && !fin && s.seq == ((next - 1) & 0xffffffffL)) {
                c.rare().keepAlives++;
                return;
            }
            if (segLen > 0 && after(next, s.seq)) {
                // Wireshark's rule: soon after the highest segment and not a copy of it means out of order.
                long window = c.handshakeRttNanos() > 0 ? c.handshakeRttNanos() : OOO_WINDOW_NANOS;
                boolean copyOfLatest = ((s.seq + segLen) & 0xffffffffL) == next;
                if (!copyOfLatest && s.time - me.nextSeqTime < window) {
                    c.rare().outOfOrder++;
                } else {
                    c.rare().retransmissions++;
                    c.noteRetransmission(s.time);
                    retransmissionTimes.add(s.time);
                }
            }
        }
        long end = (s.seq + segLen) & 0xffffffffL;
        if (next < 0 || after(end, next)) {
            me.nextSeq = end;
            me.nextSeqTime = s.time;
        }
    }

    private void reset(Connection c, int dir, long t) {
        Connection.Rare r = c.rare();
        r.rstCount++;
        rstTimes.add(t);
        rstConnections.add(c.id);
        rstDirections.add(dir);
        if (r.rstTime >= 0) {
            return;
        }
        r.rstTime = t;
        r.rstBy = dir;
        r.rstWithDataInFlight = unacked(c, 0) || unacked(c, 1);
    }

    /** Whether direction {@code d} sent payload the other side had not acknowledged. */
    private static boolean unacked(Connection c, int d) {
        return c.side(d).bytes > 0 && c.side(d).nextSeq >= 0
                && (c.side(1 - d).highestAck < 0 || after(c.side(d).nextSeq, c.side(1 - d).highestAck));
    }

    /** Sequence-space comparison modulo 2^32: whether {@code a} comes after {@code b}. */
    private static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }

    private Connection open(TcpSegment s, boolean synOnly) {
        boolean synAck = (s.flags & (TcpSegment.SYN | TcpSegment.ACK)) == (TcpSegment.SYN | TcpSegment.ACK);
        boolean senderIsClient;
        if (synOnly) {
            senderIsClient = true;
        } else if (synAck) {
            senderIsClient = false;
        } else {
            // Start not captured: the side on the higher (ephemeral) port is most likely the client.
            senderIsClient = s.srcPort >= s.dstPort;
        }
        boolean startCaptured = synOnly || synAck;
        int id = connections.size();
        Connection c = senderIsClient
                ? new Connection(id, s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort, startCaptured)
                : new Connection(id, s.dstHi, s.dstLo, s.dstPort, s.srcHi, s.srcLo, s.srcPort, startCaptured);
        connections.add(c);
        insert(c, s);
        return c;
    }

    private static int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        // Symmetric in the two endpoints so that both directions land on the same slot.
        long x = (aHi * 0x9E3779B97F4A7C15L + aLo) * 0xC2B2AE3D27D4EB4FL + aPort;
        long y = (bHi * 0x9E3779B97F4A7C15L + bLo) * 0xC2B2AE3D27D4EB4FL + bPort;
        long h = (x ^ y) + (x + y) * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private Connection find(TcpSegment s) {
        int h = hash(s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == 0) {
                return null;
            }
            if ((int) (v >>> 32) == h) {
                Connection c = connections.get((int) v - 1);
                if (matches(c, s)) {
                    return c;
                }
            }
        }
    }

    private static boolean matches(Connection c, TcpSegment s) {
        return (s.srcPort == c.clientPort && s.dstPort == c.serverPort && s.srcLo == c.clientLo
                && s.dstLo == c.serverLo && s.srcHi == c.clientHi && s.dstHi == c.serverHi)
                || (s.srcPort == c.serverPort && s.dstPort == c.clientPort && s.srcLo == c.serverLo
                && s.dstLo == c.clientLo && s.srcHi == c.serverHi && s.dstHi == c.clientHi);
    }

    /** Points the 4-tuple's slot at {@code c}, replacing an earlier connection on the same 4-tuple. */
    private void insert(Connection c, TcpSegment s) {
        int h = hash(s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort);
        int mask = slots.length - 1;
        int i = h & mask;
        for (long v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (v >>> 32) == h && matches(connections.get((int) v - 1), s)) {
                slots[i] = slot(h, c.id);
                return;
            }
        }
        slots[i] = slot(h, c.id);
        if (++used * 2 > slots.length) {
            rehash();
        }
    }

    /** A slot holds the 4-tuple's hash beside the connection's id + 1, so a probe that does not match costs no load. */
    private static long slot(int hash, int id) {
        return (long) hash << 32 | (id + 1);
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long v : old) {
            if (v == 0) {
                continue;
            }
            int i = (int) (v >>> 32) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = v;
        }
    }

    List<Connection> connections() {
        return connections;
    }

    long[] rstTimes() {
        return rstTimes.toArray();
    }

    int[] rstConnections() {
        return rstConnections.toArray();
    }

    int[] rstDirections() {
        return rstDirections.toArray();
    }

    long[] retransmissionTimes() {
        long[] t = retransmissionTimes.toArray();
        Arrays.sort(t);
        return t;
    }

    PacketIndex packets() {
        return packets;
    }
}
