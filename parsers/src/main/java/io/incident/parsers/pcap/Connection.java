package io.incident.parsers.pcap;

/**
 * The lifecycle of one TCP connection, keyed by its 4-tuple and the client's initial sequence number (a reused port
 * with a new SYN is a new connection, as tshark's tcp.stream). Mutable only while {@link TcpTracker} runs; read-only
 * through its accessors afterwards. Direction 0 is client to server, 1 is server to client. Times are epoch
 * nanoseconds; -1 means "not seen".
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

    final int id;
    final long clientHi;
    final long clientLo;
    final int clientPort;
    final long serverHi;
    final long serverLo;
    final int serverPort;
    final boolean startCaptured;

    long firstTime = -1;
    long lastTime = -1;
    long synTime = -1;
    long lastSynTime = -1;
    long synAckTime = -1;
    long ackTime = -1;
    long idleLongest;
    long idleTotal;
    /** Last packet that carried payload, SYN, FIN or RST: keep-alive probes and bare ACKs do not end an idle period. */
    long lastActivity = -1;
    int lastActivitySide;
    /** First segment time, last segment time and bytes * 2 + sender of each message; null until the first payload. */
    private long[] messages;
    private int messageCount;
    private boolean messagesComplete = true;

    /** Per-direction state in two small objects rather than arrays: 240k connections must stay compact. */
    final Side toServer = new Side();
    final Side toClient = new Side();

    String httpRequest;
    String httpStatus;
    /** Null until the connection has a reset, a retransmission, an idle period or TLS: most have none of them. */
    private Rare rare;

    int firstPacket = -1;
    int lastPacket = -1;

    Connection(int id, long clientHi, long clientLo, int clientPort, long serverHi, long serverLo, int serverPort,
               boolean startCaptured) {
        this.id = id;
        this.clientHi = clientHi;
        this.clientLo = clientLo;
        this.clientPort = clientPort;
        this.serverHi = serverHi;
        this.serverLo = serverLo;
        this.serverPort = serverPort;
        this.startCaptured = startCaptured;
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
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

    /** The rare state if any was written, for readers on the per-packet path that must not make it. */
    Rare rareOrNull() {
        return rare;
    }

    /** What one direction of the connection has sent and acknowledged. */
    static final class Side {
        long finTime = -1;
        long bytes;
        long packets;
        long firstSeq = -1;
        long nextSeq = -1;
        long nextSeqTime = -1;
        long highestAck = -1;
        boolean sentCcs;
        boolean sawPayload;
    }

    Side side(int direction) {
        return direction == 0 ? toServer : toClient;
    }

    /** 0 when the sender is the client, 1 when it is the server. */
    int direction(long srcHi, long srcLo, int srcPort) {
        return srcHi == clientHi && srcLo == clientLo && srcPort == clientPort ? 0 : 1;
    }

    public int id() {
        return id;
    }

    public String client() {
        return Addresses.endpoint(clientHi, clientLo, clientPort);
    }

    public String server() {
        return Addresses.endpoint(serverHi, serverLo, serverPort);
    }

    public int clientPort() {
        return clientPort;
    }

    public int serverPort() {
        return serverPort;
    }

    /** False when the capture began after the SYN: the connection was already open (client guessed by port). */
    public boolean startCaptured() {
        return startCaptured;
    }

    public long firstTime() {
        return firstTime;
    }

    public long lastTime() {
        return lastTime;
    }

    public long synTime() {
        return synTime;
    }

    public long synAckTime() {
        return synAckTime;
    }

    public long ackTime() {
        return ackTime;
    }

    /** The SYN that was answered (the last one before the SYN-ACK) to the client's first ACK, or -1. */
    public long handshakeRttNanos() {
        return lastSynTime >= 0 && ackTime >= lastSynTime ? ackTime - lastSynTime : -1;
    }

    public long finTime(int direction) {
        return side(direction).finTime;
    }

    public long rstTime() {
        return rare == null ? -1 : rare.rstTime;
    }

    /** 0 client, 1 server, -1 no RST. */
    public int rstBy() {
        return rare == null ? -1 : rare.rstBy;
    }

    public int rstCount() {
        return rare == null ? 0 : rare.rstCount;
    }

    /** Whether, at the first RST, either side had sent data the other had not acknowledged. */
    public boolean rstWithDataInFlight() {
        return rare != null && rare.rstWithDataInFlight;
    }

    /** Who closed first: 0 client, 1 server, -1 nobody (first FIN or RST sender). */
    public int closedBy() {
        long c = firstOf(toServer.finTime, rstBy() == 0 ? rstTime() : -1);
        long s = firstOf(toClient.finTime, rstBy() == 1 ? rstTime() : -1);
        if (c < 0 && s < 0) {
            return -1;
        }
        return s < 0 || (c >= 0 && c <= s) ? 0 : 1;
    }

    /** 0 when the client opened it (SYN seen), -1 when the start was not captured. */
    public int openedBy() {
        return startCaptured ? 0 : -1;
    }

    public State state() {
        boolean bothFin = toServer.finTime >= 0 && toClient.finTime >= 0;
        long finDone = Math.max(toServer.finTime, toClient.finTime);
        long rstTime = rstTime();
        if (rstTime >= 0 && (!bothFin || rstTime < finDone)) {
            return State.RST;
        }
        if (bothFin) {
            return State.FIN;
        }
        return toServer.finTime >= 0 || toClient.finTime >= 0 ? State.HALF_CLOSED : State.OPEN;
    }

    /** From the first FIN to the second FIN, the RST or the last packet; 0 when never half-closed. */
    public long halfClosedNanos() {
        long first = firstOf(toServer.finTime, toClient.finTime);
        if (first < 0) {
            return 0;
        }
        long end = toServer.finTime >= 0 && toClient.finTime >= 0
                ? Math.max(toServer.finTime, toClient.finTime) : lastTime;
        long rstTime = rstTime();
        if (rstTime >= first) {
            end = Math.min(end, rstTime);
        }
        return Math.max(0, end - first);
    }

    /** TCP payload bytes sent in a direction (as announced by the IP header, captured or not). */
    public long bytes(int direction) {
        return side(direction).bytes;
    }

    public long packets(int direction) {
        return side(direction).packets;
    }

    public long packets() {
        return toServer.packets + toClient.packets;
    }

    public long retransmissions() {
        return rare == null ? 0 : rare.retransmissions;
    }

    public long outOfOrder() {
        return rare == null ? 0 : rare.outOfOrder;
    }

    public long zeroWindows() {
        return rare == null ? 0 : rare.zeroWindow;
    }

    public long keepAlives() {
        return rare == null ? 0 : rare.keepAlives;
    }

    /** Longest gap between two consecutive packets of this connection. */
    public long idleLongestNanos() {
        return idleLongest;
    }

    /** Sum of the gaps of at least {@link #IDLE_GAP_NANOS}. */
    public long idleTotalNanos() {
        return idleTotal;
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
        long[] idle = rare == null ? null : rare.idle;
        int n = rare == null ? 0 : rare.idleCount;
        long[] all = idle == null ? new long[3] : java.util.Arrays.copyOf(idle, Math.max(idle.length, n * 3 + 3));
        if (lastActivity >= 0 && lastTime - lastActivity >= IDLE_GAP_NANOS) {
            all[n * 3] = lastActivity;
            all[n * 3 + 1] = lastTime - lastActivity;
            all[n * 3 + 2] = lastActivitySide;
            n++;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(all[b * 3 + 1], all[a * 3 + 1]));
        int keep = Math.min(n, MAX_IDLE_PERIODS);
        java.util.Arrays.sort(order, 0, keep, (a, b) -> Long.compare(all[a * 3], all[b * 3]));
        long[] out = new long[keep * 3];
        for (int i = 0; i < keep; i++) {
            System.arraycopy(all, order[i] * 3, out, i * 3, 3);
        }
        return out;
    }

    /** Whether {@link #idlePeriods()} has any, without building it. */
    boolean hasIdlePeriods() {
        return (rare != null && rare.idleCount > 0) || (lastActivity >= 0 && lastTime - lastActivity >= IDLE_GAP_NANOS);
    }

    boolean hasRetransmissionTimes() {
        return rare != null && rare.retransmissionCount > 0;
    }

    /** Times of the first {@link #MAX_RETRANSMISSION_TIMES} retransmissions, in the order they were seen. */
    public long[] retransmissionTimes() {
        return rare == null || rare.retransmissionTimes == null ? new long[0]
                : java.util.Arrays.copyOf(rare.retransmissionTimes, rare.retransmissionCount);
    }

    void noteIdle(long start, long length, int side) {
        Rare r = rare();
        if (r.idle == null) {
            r.idle = new long[6];
        }
        int at = r.idleCount;
        if (r.idleCount < MAX_IDLE_PERIODS) {
            if (r.idleCount * 3 == r.idle.length) {
                r.idle = java.util.Arrays.copyOf(r.idle, r.idle.length * 2);
            }
            r.idleCount++;
        } else {
            at = 0;
            for (int i = 1; i < r.idleCount; i++) {
                if (r.idle[i * 3 + 1] < r.idle[at * 3 + 1]) {
                    at = i;
                }
            }
            if (length <= r.idle[at * 3 + 1]) {
                return;
            }
        }
        r.idle[at * 3] = start;
        r.idle[at * 3 + 1] = length;
        r.idle[at * 3 + 2] = side;
    }

    void noteRetransmission(long time) {
        Rare r = rare();
        if (r.retransmissionCount == MAX_RETRANSMISSION_TIMES) {
            return;
        }
        if (r.retransmissionTimes == null) {
            r.retransmissionTimes = new long[2];
        } else if (r.retransmissionCount == r.retransmissionTimes.length) {
            r.retransmissionTimes = java.util.Arrays.copyOf(r.retransmissionTimes, r.retransmissionCount * 2);
        }
        r.retransmissionTimes[r.retransmissionCount++] = time;
    }

    /**
     * Adds new payload sent by {@code dir} to the current message, or starts the next one when the other side spoke
     * last. Returns whether a message was started, so the tracker can count them against the capture's budget; once a
     * message could not be kept, none after it is, so the ones kept stay a true prefix.
     */
    boolean noteData(int dir, long time, long bytes, boolean mayStart) {
        if (!messagesComplete) {
            return false;
        }
        int last = (messageCount - 1) * 3;
        if (messageCount > 0 && (messages[last + 2] & 1) == dir) {
            messages[last + 1] = Math.max(messages[last + 1], time);
            messages[last + 2] += bytes * 2;
            return false;
        }
        if (!mayStart || messageCount == MAX_MESSAGES) {
            messagesComplete = false;
            return false;
        }
        if (messages == null) {
            messages = new long[6];
        } else if (messageCount * 3 == messages.length) {
            messages = java.util.Arrays.copyOf(messages, messages.length * 2);
        }
        int at = messageCount++ * 3;
        messages[at] = time;
        messages[at + 1] = time;
        messages[at + 2] = bytes * 2 + dir;
        return true;
    }

    public int messageCount() {
        return messageCount;
    }

    /** Message {@code k}'s first segment time, last segment time and bytes * 2 + sender (0 client): {@code field} 0-2. */
    public long message(int k, int field) {
        return messages[k * 3 + field];
    }

    /** False when the connection had more messages than it or the capture could keep. */
    public boolean messagesComplete() {
        return messagesComplete;
    }

    /** First HTTP/1.x request line without the version, e.g. {@code GET /leak}; null when none was seen. */
    public String httpRequest() {
        return httpRequest;
    }

    /** First HTTP/1.x response status, e.g. {@code 200 OK}; null when none was seen. */
    public String httpStatus() {
        return httpStatus;
    }

    public boolean http2Preface() {
        return rare != null && rare.http2;
    }

    public String tlsSni() {
        return rare == null ? null : rare.tlsSni;
    }

    /** ALPN protocols offered in the ClientHello, comma-separated. */
    public String alpn() {
        return rare == null ? null : rare.alpn;
    }

    /** ClientHello to the first observable end of the handshake (client Finished / application data), or -1. */
    public long tlsHandshakeNanos() {
        return rare != null && rare.tlsHelloTime >= 0 && rare.tlsDoneTime >= rare.tlsHelloTime
                ? rare.tlsDoneTime - rare.tlsHelloTime : -1;
    }

    /** Index of this connection's first packet in the capture's packet index, -1 when none. */
    int firstPacket() {
        return firstPacket;
    }

    private static long firstOf(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
