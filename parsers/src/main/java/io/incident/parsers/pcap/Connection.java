package io.incident.parsers.pcap;

import java.util.Arrays;

/**
 * The lifecycle of one TCP connection, keyed by its 4-tuple and the client's initial sequence number (a reused port
 * with a new SYN is a new connection, as tshark's tcp.stream): a view of one row of {@link ConnectionRows}. Written
 * only while {@link TcpTracker} runs (through one view it moves from row to row); read-only through its accessors
 * afterwards, where each connection has a view of its own. Direction 0 is client to server, 1 is server to client.
 * Times are epoch nanoseconds; -1 means "not seen".
 */
public final class Connection {
    /** How a connection ended, or that it had not ended when the capture stopped. */
    public enum State {
        FIN("FIN"), RST("RST"), HALF_CLOSED("half-closed-at-end"), OPEN("open-at-end");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Gaps between packets this long or longer count towards {@link #idleTotalNanos()}. */
    public static final long IDLE_GAP_NANOS = 1_000_000_000L;
    /** How many idle periods (the longest) and retransmission times a connection remembers where they were. */
    public static final int MAX_IDLE_PERIODS = 8;
    public static final int MAX_RETRANSMISSION_TIMES = 16;
    /**
     * Messages (runs of new payload in one direction, e.g. one HTTP request or response) a connection remembers, and a
     * whole capture: enough to pair the socket reads and writes another source recorded (a clock offset needs a few
     * dozen pairs), with memory bounded for captures of hundreds of thousands of connections. At 2^20 a capture of
     * 240k short connections held 90 MB more while it was read and its import's peak RSS grew by a third; at 2^16
     * the first ten thousand or so connections keep theirs, and the later ones say data_complete=false.
     */
    public static final int MAX_MESSAGES = 256;
    public static final int MAX_MESSAGES_PER_CAPTURE = 1 << 16;

    /*
     * A row's longs (see ConnectionRows): the endpoints, then the times, counters and sequence state. Times are
     * epoch nanoseconds, -1 "not seen"; sequence numbers are the 32-bit values, -1 "not seen".
     */
    static final int CLIENT_HI = 0;
    static final int CLIENT_LO = 1;
    static final int SERVER_HI = 2;
    static final int SERVER_LO = 3;
    /** Client port << 16 | server port. */
    static final int PORTS = 4;
    static final int FLAGS = 5;
    static final int FIRST_TIME = 6;
    static final int LAST_TIME = 7;
    static final int SYN_TIME = 8;
    static final int LAST_SYN_TIME = 9;
    static final int SYN_ACK_TIME = 10;
    static final int ACK_TIME = 11;
    static final int IDLE_LONGEST = 12;
    static final int IDLE_TOTAL = 13;
    /** Last packet that carried payload, SYN, FIN or RST: keep-alive probes and bare ACKs do not end an idle period. */
    static final int LAST_ACTIVITY = 14;
    /** Index of the first packet << 32 | index of the last, each -1 when none. */
    static final int PACKET_RANGE = 15;
    static final int MESSAGE_COUNT = 16;
    /** Where the client-to-server direction's fields start; the server-to-client ones follow them. */
    private static final int SIDES = 17;
    /** A direction's fields, at {@link #side(int, int)}. */
    static final int FIN_TIME = 0;
    static final int BYTES = 1;
    static final int PACKETS = 2;
    static final int FIRST_SEQ = 3;
    static final int NEXT_SEQ = 4;
    static final int NEXT_SEQ_TIME = 5;
    static final int HIGHEST_ACK = 6;
    private static final int SIDE_FIELDS = 7;
    static final int ROW_LONGS = SIDES + 2 * SIDE_FIELDS;

    /** Bits of {@link #FLAGS}. */
    static final long START_CAPTURED = 1;
    /** Set when the server sent the last active packet. */
    static final long LAST_ACTIVITY_BY_SERVER = 1 << 1;
    static final long MESSAGES_INCOMPLETE = 1 << 2;
    private static final long SENT_CCS = 1 << 3;
    private static final long SAW_PAYLOAD = 1 << 5;

    /** A row's references. */
    private static final int RARE = 0;
    /** First segment time, last segment time and bytes * 2 + sender of each message; null until the first payload. */
    private static final int MESSAGES = 1;
    private static final int HTTP_REQUEST = 2;
    private static final int HTTP_STATUS = 3;
    static final int ROW_REFS = 4;

    private final ConnectionRows rows;
    int id = -1;
    private long[] r;
    private int o;
    private Object[] x;
    private int xo;

    /** A view of one row of {@code rows}; {@link #at} points it at one. */
    Connection(ConnectionRows rows) {
        this.rows = rows;
    }

    /** Points this view at connection {@code id} (after a row was added, since the chunk may have been replaced). */
    Connection at(int id) {
        this.id = id;
        r = rows.longs(id);
        o = ConnectionRows.longBase(id);
        x = rows.refs(id);
        xo = ConnectionRows.refBase(id);
        return this;
    }

    /** Sets a new row's fields to "not seen". */
    static void initialize(long[] r, int o) {
        Arrays.fill(r, o + FIRST_TIME, o + IDLE_LONGEST, -1);
        r[o + LAST_ACTIVITY] = -1;
        r[o + PACKET_RANGE] = -1;
        for (int d = 0; d < 2; d++) {
            int s = o + side(d, 0);
            r[s + FIN_TIME] = -1;
            r[s + FIRST_SEQ] = -1;
            r[s + NEXT_SEQ] = -1;
            r[s + NEXT_SEQ_TIME] = -1;
            r[s + HIGHEST_ACK] = -1;
        }
    }

    /** The offset of a direction's field in a row. */
    static int side(int direction, int field) {
        return SIDES + direction * SIDE_FIELDS + field;
    }

    long get(int field) {
        return r[o + field];
    }

    void set(int field, long value) {
        r[o + field] = value;
    }

    void add(int field, long delta) {
        r[o + field] += delta;
    }

    boolean flag(long bit) {
        return (r[o + FLAGS] & bit) != 0;
    }

    void setFlag(long bit) {
        r[o + FLAGS] |= bit;
    }

    boolean sentCcs(int direction) {
        return flag(SENT_CCS << direction);
    }

    void noteCcs(int direction) {
        setFlag(SENT_CCS << direction);
    }

    /** Marks that {@code direction} sent payload; returns whether it had not before. */
    boolean notePayload(int direction) {
        boolean first = !flag(SAW_PAYLOAD << direction);
        setFlag(SAW_PAYLOAD << direction);
        return first;
    }

    void setHttpRequest(String s) {
        x[xo + HTTP_REQUEST] = s;
    }

    void setHttpStatus(String s) {
        x[xo + HTTP_STATUS] = s;
    }

    int firstPacket() {
        return (int) (r[o + PACKET_RANGE] >> 32);
    }

    int lastPacket() {
        return (int) r[o + PACKET_RANGE];
    }

    void setPackets(int first, int last) {
        r[o + PACKET_RANGE] = (long) first << 32 | (last & 0xFFFF_FFFFL);
    }

    long clientHi() {
        return r[o + CLIENT_HI];
    }

    long clientLo() {
        return r[o + CLIENT_LO];
    }

    long serverHi() {
        return r[o + SERVER_HI];
    }

    long serverLo() {
        return r[o + SERVER_LO];
    }

    /**
     * State most connections never need, in one object made when first written: with 240k connections a capture's
     * import holds, 70 bytes a connection that almost all leave unused are 17 MB.
     */
    static final class Rare {
        long rstTime = -1;
        int rstBy = -1;
        int rstCount;
        boolean rstWithDataInFlight;
        int retransmissions;
        int outOfOrder;
        int zeroWindow;
        int keepAlives;
        /** Start, length and side of the longest idle gaps, MAX_IDLE_PERIODS at most; null until a first one. */
        long[] idle;
        int idleCount;
        long[] retransmissionTimes;
        int retransmissionCount;
        boolean http2;
        String tlsSni;
        String alpn;
        long tlsHelloTime = -1;
        long tlsDoneTime = -1;
    }

    /** The rare state, made on first use: for writing only (readers go through the accessors). */
    Rare rare() {
        Rare rare = (Rare) x[xo + RARE];
        if (rare == null) {
            rare = new Rare();
            x[xo + RARE] = rare;
        }
        return rare;
    }

    /** The rare state if any was written, for readers on the per-packet path that must not make it. */
    Rare rareOrNull() {
        return (Rare) x[xo + RARE];
    }

    /** 0 when the sender is the client, 1 when it is the server. */
    int direction(long srcHi, long srcLo, int srcPort) {
        return srcHi == clientHi() && srcLo == clientLo() && srcPort == clientPort() ? 0 : 1;
    }

    public int id() {
        return id;
    }

    public String client() {
        return Addresses.endpoint(clientHi(), clientLo(), clientPort());
    }

    public String server() {
        return Addresses.endpoint(serverHi(), serverLo(), serverPort());
    }

    public int clientPort() {
        return (int) (r[o + PORTS] >>> 16);
    }

    public int serverPort() {
        return (int) (r[o + PORTS] & 0xFFFF);
    }

    /** False when the capture began after the SYN: the connection was already open (client guessed by port). */
    public boolean startCaptured() {
        return flag(START_CAPTURED);
    }

    public long firstTime() {
        return r[o + FIRST_TIME];
    }

    public long lastTime() {
        return r[o + LAST_TIME];
    }

    public long synTime() {
        return r[o + SYN_TIME];
    }

    public long synAckTime() {
        return r[o + SYN_ACK_TIME];
    }

    public long ackTime() {
        return r[o + ACK_TIME];
    }

    /** The SYN that was answered (the last one before the SYN-ACK) to the client's first ACK, or -1. */
    public long handshakeRttNanos() {
        long lastSyn = r[o + LAST_SYN_TIME];
        long ack = r[o + ACK_TIME];
        return lastSyn >= 0 && ack >= lastSyn ? ack - lastSyn : -1;
    }

    public long finTime(int direction) {
        return r[o + side(direction, FIN_TIME)];
    }

    public long rstTime() {
        Rare rare = rareOrNull();
        return rare == null ? -1 : rare.rstTime;
    }

    /** 0 client, 1 server, -1 no RST. */
    public int rstBy() {
        Rare rare = rareOrNull();
        return rare == null ? -1 : rare.rstBy;
    }

    public int rstCount() {
        Rare rare = rareOrNull();
        return rare == null ? 0 : rare.rstCount;
    }

    /** Whether, at the first RST, either side had sent data the other had not acknowledged. */
    public boolean rstWithDataInFlight() {
        Rare rare = rareOrNull();
        return rare != null && rare.rstWithDataInFlight;
    }

    /** Who closed first: 0 client, 1 server, -1 nobody (first FIN or RST sender). */
    public int closedBy() {
        long c = firstOf(finTime(0), rstBy() == 0 ? rstTime() : -1);
        long s = firstOf(finTime(1), rstBy() == 1 ? rstTime() : -1);
        if (c < 0 && s < 0) {
            return -1;
        }
        return s < 0 || (c >= 0 && c <= s) ? 0 : 1;
    }

    /** 0 when the client opened it (SYN seen), -1 when the start was not captured. */
    public int openedBy() {
        return startCaptured() ? 0 : -1;
    }

    public State state() {
        boolean bothFin = finTime(0) >= 0 && finTime(1) >= 0;
        long finDone = Math.max(finTime(0), finTime(1));
        long rstTime = rstTime();
        if (rstTime >= 0 && (!bothFin || rstTime < finDone)) {
            return State.RST;
        }
        if (bothFin) {
            return State.FIN;
        }
        return finTime(0) >= 0 || finTime(1) >= 0 ? State.HALF_CLOSED : State.OPEN;
    }

    /** From the first FIN to the second FIN, the RST or the last packet; 0 when never half-closed. */
    public long halfClosedNanos() {
        long first = firstOf(finTime(0), finTime(1));
        if (first < 0) {
            return 0;
        }
        long end = finTime(0) >= 0 && finTime(1) >= 0
                ? Math.max(finTime(0), finTime(1)) : lastTime();
        long rstTime = rstTime();
        if (rstTime >= first) {
            end = Math.min(end, rstTime);
        }
        return Math.max(0, end - first);
    }

    /** TCP payload bytes sent in a direction (as announced by the IP header, captured or not). */
    public long bytes(int direction) {
        return r[o + side(direction, BYTES)];
    }

    public long packets(int direction) {
        return r[o + side(direction, PACKETS)];
    }

    public long packets() {
        return packets(0) + packets(1);
    }

    public long retransmissions() {
        Rare rare = rareOrNull();
        return rare == null ? 0 : rare.retransmissions;
    }

    public long outOfOrder() {
        Rare rare = rareOrNull();
        return rare == null ? 0 : rare.outOfOrder;
    }

    public long zeroWindows() {
        Rare rare = rareOrNull();
        return rare == null ? 0 : rare.zeroWindow;
    }

    public long keepAlives() {
        Rare rare = rareOrNull();
        return rare == null ? 0 : rare.keepAlives;
    }

    /** Longest gap between two consecutive packets of this connection. */
    public long idleLongestNanos() {
        return r[o + IDLE_LONGEST];
    }

    /** Sum of the gaps of at least {@link #IDLE_GAP_NANOS}. */
    public long idleTotalNanos() {
        return r[o + IDLE_TOTAL];
    }

    /**
     * Where the longest idle periods lie, up to {@link #MAX_IDLE_PERIODS}: triples of start time, length and the side
     * that sent the last packet before it (0 client: the server's turn, so the client waits; 1 server), in time
     * order. An idle period is at least {@link #IDLE_GAP_NANOS} without payload, SYN, FIN or RST (keep-alive probes
     * and bare ACKs do not end it), including a quiet stretch up to the connection's last packet. Unlike
     * {@link #idleLongestNanos()}, which measures gaps between any two packets as tshark does, this is what a person
     * means by "the connection sat idle".
     */
    public long[] idlePeriods() {
        Rare rare = rareOrNull();
        long[] idle = rare == null ? null : rare.idle;
        int n = rare == null ? 0 : rare.idleCount;
        long[] all = idle == null ? new long[3] : Arrays.copyOf(idle, Math.max(idle.length, n * 3 + 3));
        long lastActivity = r[o + LAST_ACTIVITY];
        if (lastActivity >= 0 && lastTime() - lastActivity >= IDLE_GAP_NANOS) {
            all[n * 3] = lastActivity;
            all[n * 3 + 1] = lastTime() - lastActivity;
            all[n * 3 + 2] = flag(LAST_ACTIVITY_BY_SERVER) ? 1 : 0;
            n++;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(all[b * 3 + 1], all[a * 3 + 1]));
        int keep = Math.min(n, MAX_IDLE_PERIODS);
        Arrays.sort(order, 0, keep, (a, b) -> Long.compare(all[a * 3], all[b * 3]));
        long[] out = new long[keep * 3];
        for (int i = 0; i < keep; i++) {
            System.arraycopy(all, order[i] * 3, out, i * 3, 3);
        }
        return out;
    }

    /** Whether {@link #idlePeriods()} has any, without building it. */
    boolean hasIdlePeriods() {
        Rare rare = rareOrNull();
        long lastActivity = r[o + LAST_ACTIVITY];
        return (rare != null && rare.idleCount > 0)
                || (lastActivity >= 0 && lastTime() - lastActivity >= IDLE_GAP_NANOS);
    }

    boolean hasRetransmissionTimes() {
        Rare rare = rareOrNull();
        return rare != null && rare.retransmissionCount > 0;
    }

    /** Times of the first {@link #MAX_RETRANSMISSION_TIMES} retransmissions, in the order they were seen. */
    public long[] retransmissionTimes() {
        Rare rare = rareOrNull();
        return rare == null || rare.retransmissionTimes == null ? new long[0]
                : Arrays.copyOf(rare.retransmissionTimes, rare.retransmissionCount);
    }

    void noteIdle(long start, long length, int side) {
        Rare rr = rare();
        if (rr.idle == null) {
            rr.idle = new long[6];
        }
        int at = rr.idleCount;
        if (rr.idleCount < MAX_IDLE_PERIODS) {
            if (rr.idleCount * 3 == rr.idle.length) {
                rr.idle = Arrays.copyOf(rr.idle, rr.idle.length * 2);
            }
            rr.idleCount++;
        } else {
            at = 0;
            for (int i = 1; i < rr.idleCount; i++) {
                if (rr.idle[i * 3 + 1] < rr.idle[at * 3 + 1]) {
                    at = i;
                }
            }
            if (length <= rr.idle[at * 3 + 1]) {
                return;
            }
        }
        rr.idle[at * 3] = start;
        rr.idle[at * 3 + 1] = length;
        rr.idle[at * 3 + 2] = side;
    }

    void noteRetransmission(long time) {
        Rare rr = rare();
        if (rr.retransmissionCount == MAX_RETRANSMISSION_TIMES) {
            return;
        }
        if (rr.retransmissionTimes == null) {
            rr.retransmissionTimes = new long[2];
        } else if (rr.retransmissionCount == rr.retransmissionTimes.length) {
            rr.retransmissionTimes = Arrays.copyOf(rr.retransmissionTimes, rr.retransmissionCount * 2);
        }
        rr.retransmissionTimes[rr.retransmissionCount++] = time;
    }

    /**
     * Adds new payload sent by {@code dir} to the current message, or starts the next one when the other side spoke
     * last. Returns whether a message was started, so the tracker can count them against the capture's budget; once a
     * message could not be kept, none after it is, so the ones kept stay a true prefix.
     */
    boolean noteData(int dir, long time, long bytes, boolean mayStart) {
        if (flag(MESSAGES_INCOMPLETE)) {
            return false;
        }
        long[] messages = (long[]) x[xo + MESSAGES];
        int count = messageCount();
        int last = (count - 1) * 3;
        if (count > 0 && (messages[last + 2] & 1) == dir) {
            messages[last + 1] = Math.max(messages[last + 1], time);
            messages[last + 2] += bytes * 2;
            return false;
        }
        if (!mayStart || count == MAX_MESSAGES) {
            setFlag(MESSAGES_INCOMPLETE);
            return false;
        }
        if (messages == null) {
            messages = new long[6];
            x[xo + MESSAGES] = messages;
        } else if (count * 3 == messages.length) {
            messages = Arrays.copyOf(messages, messages.length * 2);
            x[xo + MESSAGES] = messages;
        }
        int at = count * 3;
        r[o + MESSAGE_COUNT] = count + 1;
        messages[at] = time;
        messages[at + 1] = time;
        messages[at + 2] = bytes * 2 + dir;
        return true;
    }

    public int messageCount() {
        return (int) r[o + MESSAGE_COUNT];
    }

    /** Message {@code k}'s first segment time, last segment time and bytes * 2 + sender (0 client): {@code field} 0-2. */
    public long message(int k, int field) {
        return ((long[]) x[xo + MESSAGES])[k * 3 + field];
    }

    /** False when the connection had more messages than it or the capture could keep. */
    public boolean messagesComplete() {
        return !flag(MESSAGES_INCOMPLETE);
    }

    /** First HTTP/1.x request line without the version, e.g. {@code GET /leak}; null when none was seen. */
    public String httpRequest() {
        return (String) x[xo + HTTP_REQUEST];
    }

    /** First HTTP/1.x response status, e.g. {@code 200 OK}; null when none was seen. */
    public String httpStatus() {
        return (String) x[xo + HTTP_STATUS];
    }

    public boolean http2Preface() {
        Rare rare = rareOrNull();
        return rare != null && rare.http2;
    }

    public String tlsSni() {
        Rare rare = rareOrNull();
        return rare == null ? null : rare.tlsSni;
    }

    /** ALPN protocols offered in the ClientHello, comma-separated. */
    public String alpn() {
        Rare rare = rareOrNull();
        return rare == null ? null : rare.alpn;
    }

    /** ClientHello to the first observable end of the handshake (client Finished / application data), or -1. */
    public long tlsHandshakeNanos() {
        Rare rare = rareOrNull();
        return rare != null && rare.tlsHelloTime >= 0 && rare.tlsDoneTime >= rare.tlsHelloTime
                ? rare.tlsDoneTime - rare.tlsHelloTime : -1;
    }


    private static long firstOf(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
