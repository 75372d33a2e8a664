package io.incident.parsers.pcap;

import io.incident.model.Columns;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Follows every TCP connection through its lifecycle, one segment at a time, without allocating per packet: an
 * open-addressing table maps the 4-tuple (either direction) to the current connection's id, and all per-connection
 * state lives in its row of {@link ConnectionRows}. A SYN whose sequence number differs from the first one seen in
 * that direction starts a new connection on the same 4-tuple, as tshark's tcp.stream does.
 */
final class TcpTracker {
    /** Wireshark's default out-of-order window when the RTT is not known. */
    private static final long OOO_WINDOW_NANOS = 3_000_000L;

    private final ConnectionRows rows = new ConnectionRows();
    /** The one view the tracker moves from row to row: no object a packet. */
    private final Connection c = new Connection(rows);
    /** A second view, for the 4-tuple table's probes, so they never move {@link #c}. */
    private final Connection other = new Connection(rows);
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
        int id = find(s);
        boolean synOnly = (s.flags & (TcpSegment.SYN | TcpSegment.ACK)) == TcpSegment.SYN;
        if (id < 0) {
            id = open(s, synOnly);
        } else if (synOnly) {
            c.at(id);
            long firstSeq = c.get(Connection.side(c.direction(s.srcHi, s.srcLo, s.srcPort), Connection.FIRST_SEQ));
            if (firstSeq >= 0 && firstSeq != s.seq) {
                id = open(s, true);
            }
        }
        c.at(id);
        int dir = c.direction(s.srcHi, s.srcLo, s.srcPort);
        track(dir, s);
        if (s.capturedPayload > 0) {
            PayloadLabels.inspect(c, dir, b, s.payloadOffset, s.capturedPayload, s.time, texts);
        }
        int first = c.firstPacket();
        int last = c.lastPacket();
        if (last >= 0) {
            packets.next(last, packetIndex);
        } else {
            first = packetIndex;
        }
        c.setPackets(first, packetIndex);
    }

    private void track(int dir, TcpSegment s) {
        long t = s.time;
        long lastTime = c.get(Connection.LAST_TIME);
        if (lastTime >= 0) {
            long gap = t - lastTime;
            if (gap > c.get(Connection.IDLE_LONGEST)) {
                c.set(Connection.IDLE_LONGEST, gap);
            }
            if (gap >= Connection.IDLE_GAP_NANOS) {
                c.add(Connection.IDLE_TOTAL, gap);
            }
        }
        if (s.payloadLength > 0 || s.has(TcpSegment.SYN) || s.has(TcpSegment.FIN) || s.has(TcpSegment.RST)) {
            long lastActivity = c.get(Connection.LAST_ACTIVITY);
            if (lastActivity >= 0 && t - lastActivity >= Connection.IDLE_GAP_NANOS) {
                c.noteIdle(lastActivity, t - lastActivity, c.flag(Connection.LAST_ACTIVITY_BY_SERVER) ? 1 : 0);
            }
            if (t >= lastActivity) {
                c.set(Connection.LAST_ACTIVITY, t);
                long flags = c.get(Connection.FLAGS) & ~Connection.LAST_ACTIVITY_BY_SERVER;
                c.set(Connection.FLAGS, dir == 1 ? flags | Connection.LAST_ACTIVITY_BY_SERVER : flags);
            }
        }
        long firstTime = c.get(Connection.FIRST_TIME);
        if (firstTime < 0 || t < firstTime) {
            c.set(Connection.FIRST_TIME, t);
        }
        if (t > lastTime) {
            c.set(Connection.LAST_TIME, t);
        }
        c.add(Connection.side(dir, Connection.PACKETS), 1);
        c.add(Connection.side(dir, Connection.BYTES), s.payloadLength);
        if (c.get(Connection.side(dir, Connection.FIRST_SEQ)) < 0) {
            c.set(Connection.side(dir, Connection.FIRST_SEQ), s.seq);
        }
        boolean syn = s.has(TcpSegment.SYN);
        boolean fin = s.has(TcpSegment.FIN);
        boolean rst = s.has(TcpSegment.RST);
        if (syn && !s.has(TcpSegment.ACK)) {
            if (c.get(Connection.SYN_TIME) < 0) {
                c.set(Connection.SYN_TIME, t);
            }
            if (c.get(Connection.SYN_ACK_TIME) < 0) {
                c.set(Connection.LAST_SYN_TIME, t);
            }
        } else if (syn && s.has(TcpSegment.ACK) && c.get(Connection.SYN_ACK_TIME) < 0) {
            c.set(Connection.SYN_ACK_TIME, t);
        } else if (!syn && dir == 0 && s.has(TcpSegment.ACK) && c.get(Connection.SYN_ACK_TIME) >= 0
                && c.get(Connection.ACK_TIME) < 0) {
            c.set(Connection.ACK_TIME, t);
        }
        int nextSeq = Connection.side(dir, Connection.NEXT_SEQ);
        long nextBefore = c.get(nextSeq);
        sequence(dir, s, syn, fin, rst);
        if (s.payloadLength > 0 && c.get(nextSeq) != nextBefore) {
            long fresh = nextBefore < 0 ? s.payloadLength
                    : Math.min(s.payloadLength, (c.get(nextSeq) - nextBefore) & 0xffffffffL);
            if (c.noteData(dir, t, fresh, messagesLeft > 0)) {
                messagesLeft--;
            }
        }
        int highestAck = Connection.side(dir, Connection.HIGHEST_ACK);
        if (s.has(TcpSegment.ACK) && (c.get(highestAck) < 0 || after(s.ack, c.get(highestAck)))) {
            c.set(highestAck, s.ack);
        }
        if (fin && c.get(Connection.side(dir, Connection.FIN_TIME)) < 0) {
            c.set(Connection.side(dir, Connection.FIN_TIME), t);
        }
        if (rst) {
            reset(dir, t);
        }
    }

    private void sequence(int dir, TcpSegment s, boolean syn, boolean fin, boolean rst) {
        long segLen = s.payloadLength + (syn ? 1 : 0) + (fin ? 1 : 0);
        int nextSeq = Connection.side(dir, Connection.NEXT_SEQ);
        long next = c.get(nextSeq);
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
                if (!copyOfLatest && s.time - c.get(Connection.side(dir, Connection.NEXT_SEQ_TIME)) < window) {
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
            c.set(nextSeq, end);
            c.set(Connection.side(dir, Connection.NEXT_SEQ_TIME), s.time);
        }
    }

    private void reset(int dir, long t) {
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
        long next = c.get(Connection.side(d, Connection.NEXT_SEQ));
        long ack = c.get(Connection.side(1 - d, Connection.HIGHEST_ACK));
        return c.bytes(d) > 0 && next >= 0 && (ack < 0 || after(next, ack));
    }

    /** Sequence-space comparison modulo 2^32: whether {@code a} comes after {@code b}. */
    private static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }

    /** Adds a connection for the segment's 4-tuple and points the table at it; returns its id. */
    private int open(TcpSegment s, boolean synOnly) {
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
        int id = rows.add();
        c.at(id);
        if (senderIsClient) {
            endpoints(s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort);
        } else {
            endpoints(s.dstHi, s.dstLo, s.dstPort, s.srcHi, s.srcLo, s.srcPort);
        }
        if (synOnly || synAck) {
            c.setFlag(Connection.START_CAPTURED);
        }
        insert(id, s);
        return id;
    }

    private void endpoints(long clientHi, long clientLo, int clientPort, long serverHi, long serverLo, int serverPort) {
        c.set(Connection.CLIENT_HI, clientHi);
        c.set(Connection.CLIENT_LO, clientLo);
        c.set(Connection.SERVER_HI, serverHi);
        c.set(Connection.SERVER_LO, serverLo);
        c.set(Connection.PORTS, (long) clientPort << 16 | serverPort);
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

    /** The id of the connection the segment's 4-tuple maps to, or -1. */
    private int find(TcpSegment s) {
        int h = hash(s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == 0) {
                return -1;
            }
            if ((int) (v >>> 32) == h && matches(other.at((int) v - 1), s)) {
                return (int) v - 1;
            }
        }
    }

    private static boolean matches(Connection c, TcpSegment s) {
        int clientPort = c.clientPort();
        int serverPort = c.serverPort();
        return (s.srcPort == clientPort && s.dstPort == serverPort && s.srcLo == c.clientLo()
                && s.dstLo == c.serverLo() && s.srcHi == c.clientHi() && s.dstHi == c.serverHi())
                || (s.srcPort == serverPort && s.dstPort == clientPort && s.srcLo == c.serverLo()
                && s.dstLo == c.clientLo() && s.srcHi == c.serverHi() && s.dstHi == c.clientHi());
    }

    /** Points the 4-tuple's slot at connection {@code id}, replacing an earlier connection on the same 4-tuple. */
    private void insert(int id, TcpSegment s) {
        int h = hash(s.srcHi, s.srcLo, s.srcPort, s.dstHi, s.dstLo, s.dstPort);
        int mask = slots.length - 1;
        int i = h & mask;
        for (long v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (v >>> 32) == h && matches(other.at((int) v - 1), s)) {
                slots[i] = slot(h, id);
                return;
            }
        }
        slots[i] = slot(h, id);
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

    ConnectionRows rows() {
        return rows;
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
