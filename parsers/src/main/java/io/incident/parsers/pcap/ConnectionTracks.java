package io.incident.parsers.pcap;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import java.util.Arrays;

/** Turns the tracked connections into the model's tracks: spans, reset instants and per-second counters. */
final class ConnectionTracks {
    private static final String GROUP = "network";
    private static final long SECOND = 1_000_000_000L;

    private ConnectionTracks() {
    }

    /** How the capture's connections ended, for its summary. */
    record Totals(long connections, long closedByFin, long closedByRst, long openAtEnd, long retransmissions) {
    }

    /**
     * Adds the connections' tracks. With {@code release} each chunk of the tracker's rows is dropped as soon as its
     * connections are in the model: an import keeps only the model, and the rows and the model it is building need
     * not both be held at once.
     */
    static Totals add(Source.Builder b, TcpTracker tracker, boolean release) {
        ConnectionRows rows = tracker.rows();
        int n = rows.size();
        if (n == 0) {
            return new Totals(0, 0, 0, 0, 0);
        }
        // Before the spans, which may release the rows the resets name.
        InstantTrack resets = resets(b, tracker, rows);
        SpanTrack.Builder spans = SpanTrack.builder("TCP connections", GROUP);
        long[] starts = new long[n];
        long[] ends = new long[n];
        int closed = 0;
        long[] states = new long[Connection.State.values().length];
        long retransmissions = 0;
        ArgSetWriter w = new ArgSetWriter(b.strings(), b.args());
        int[] keys = keyIds(w);
        ConnectionNames names = new ConnectionNames(b.strings());
        Connection c = new Connection(rows);
        for (int id = 0; id < n; id++) {
            c.at(id);
            int client = names.client(c);
            int server = names.server(c);
            spans.add(c.firstTime(), c.lastTime(), names.label(c, client, server), args(w, keys, c, client, server));
            starts[id] = c.firstTime();
            Connection.State s = c.state();
            states[s.ordinal()]++;
            retransmissions += c.retransmissions();
            if (s == Connection.State.FIN || s == Connection.State.RST) {
                ends[closed++] = c.lastTime();
            }
            if (release && (ConnectionRows.lastOfChunk(id) || id == n - 1)) {
                rows.release(id);
            }
        }
        b.track(spans.build());
        b.track(resets);
        Arrays.sort(starts);
        long[] closes = Arrays.copyOf(ends, closed);
        Arrays.sort(closes);
        b.track(open(starts, closes));
        b.track(rate("new connections/s", starts));
        long[] rst = tracker.rstTimes();
        Arrays.sort(rst);
        b.track(rate("resets/s", rst));
        b.track(rate("retransmissions/s", tracker.retransmissionTimes()));
        return new Totals(n, states[Connection.State.FIN.ordinal()], states[Connection.State.RST.ordinal()],
                states[Connection.State.OPEN.ordinal()] + states[Connection.State.HALF_CLOSED.ordinal()],
                retransmissions);
    }

    static String label(Connection c) {
        return label(c, c.client(), c.server());
    }

    static String label(Connection c, String client, String server) {
        StringBuilder s = new StringBuilder(client.length() + server.length() + 48).append(client).append(" \u2192 ")
                .append(server);
        if (c.httpRequest() != null) {
            s.append(' ').append(c.httpRequest());
        } else if (c.http2Preface()) {
            s.append(" HTTP/2");
        } else if (c.tlsSni() != null) {
            s.append(" TLS ").append(c.tlsSni());
        } else if (c.tlsHandshakeNanos() >= 0 || c.alpn() != null) {
            s.append(" TLS");
        }
        return s.toString();
    }

    /** Keys of a connection's arg set, each interned once per capture. */
    private static final String[] KEYS = {"client", "server", "state", "opened_by", "closed_by", "rst_by",
        "rst_data_in_flight", "bytes_client_to_server", "bytes_server_to_client", "packets", "retransmissions",
        "out_of_order", "zero_windows", "keep_alives", "idle_longest_ms", "idle_total_ms", "half_closed_ms", "idle",
        "retrans_at_us", "fin_at_us", "rst_at_us", "handshake_rtt_us", "http", "http_status", "http2", "tls_sni",
        "alpn", "tls_handshake_us", "data_us", "data_complete"};
    private static final int CLIENT = 0;
    private static final int SERVER = 1;
    private static final int STATE = 2;
    private static final int OPENED_BY = 3;
    private static final int CLOSED_BY = 4;
    private static final int RST_BY = 5;
    private static final int RST_DATA = 6;
    private static final int BYTES_TO_SERVER = 7;
    private static final int BYTES_TO_CLIENT = 8;
    private static final int PACKETS = 9;
    private static final int RETRANSMISSIONS = 10;
    private static final int OUT_OF_ORDER = 11;
    private static final int ZERO_WINDOWS = 12;
    private static final int KEEP_ALIVES = 13;
    private static final int IDLE_LONGEST = 14;
    private static final int IDLE_TOTAL = 15;
    private static final int HALF_CLOSED = 16;
    private static final int IDLE = 17;
    private static final int RETRANS_AT = 18;
    private static final int FIN_AT = 19;
    private static final int RST_AT = 20;
    private static final int HANDSHAKE_RTT = 21;
    private static final int HTTP = 22;
    private static final int HTTP_STATUS = 23;
    private static final int HTTP2 = 24;
    private static final int TLS_SNI = 25;
    private static final int ALPN = 26;
    private static final int TLS_HANDSHAKE = 27;
    private static final int DATA = 28;
    private static final int DATA_COMPLETE = 29;

    private static int[] keyIds(ArgSetWriter w) {
        int[] ids = new int[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            ids[i] = w.key(KEYS[i]);
        }
        return ids;
    }

    private static int args(ArgSetWriter w, int[] k, Connection c, int client, int server) {
        w.putId(k[CLIENT], client);
        w.putId(k[SERVER], server);
        w.put(k[STATE], c.state().text());
        w.put(k[OPENED_BY], c.startCaptured() ? "client" : "start not captured");
        w.put(k[CLOSED_BY], TcpConnections.who(c.closedBy()));
        if (c.rstBy() >= 0) {
            w.put(k[RST_BY], TcpConnections.who(c.rstBy()));
            w.put(k[RST_DATA], Boolean.toString(c.rstWithDataInFlight()));
        }
        w.putNumber(k[BYTES_TO_SERVER], c.bytes(0));
        w.putNumber(k[BYTES_TO_CLIENT], c.bytes(1));
        w.putNumber(k[PACKETS], c.packets());
        w.putCount(k[RETRANSMISSIONS], c.retransmissions());
        w.putCount(k[OUT_OF_ORDER], c.outOfOrder());
        w.putCount(k[ZERO_WINDOWS], c.zeroWindows());
        w.putCount(k[KEEP_ALIVES], c.keepAlives());
        w.putNumber(k[IDLE_LONGEST], c.idleLongestNanos() / 1_000_000);
        w.putCount(k[IDLE_TOTAL], c.idleTotalNanos() / 1_000_000);
        w.putCount(k[HALF_CLOSED], c.halfClosedNanos() / 1_000_000);
        if (c.hasIdlePeriods()) {
            w.put(k[IDLE], idle(c));
        }
        if (c.hasRetransmissionTimes()) {
            w.put(k[RETRANS_AT], offsets(c, c.retransmissionTimes()));
        }
        w.put(k[DATA], messages(c));
        if (!c.messagesComplete()) {
            w.put(k[DATA_COMPLETE], "false");
        }
        long fin = firstFin(c);
        if (fin >= 0) {
            w.putNumber(k[FIN_AT], (fin - c.firstTime()) / 1000);
        }
        if (c.rstTime() >= 0) {
            w.putNumber(k[RST_AT], (c.rstTime() - c.firstTime()) / 1000);
        }
        if (c.handshakeRttNanos() >= 0) {
            w.putNumber(k[HANDSHAKE_RTT], c.handshakeRttNanos() / 1000);
        }
        w.put(k[HTTP], c.httpRequest());
        w.put(k[HTTP_STATUS], c.httpStatus());
        if (c.http2Preface()) {
            w.put(k[HTTP2], "preface");
        }
        w.put(k[TLS_SNI], c.tlsSni());
        w.put(k[ALPN], c.alpn());
        if (c.tlsHandshakeNanos() >= 0) {
            w.putNumber(k[TLS_HANDSHAKE], c.tlsHandshakeNanos() / 1000);
        }
        return w.finish();
    }

    /**
     * The longest idle periods as "startMs+lengthMs,..." with the start relative to the connection's first packet and
     * a trailing "w" when the client spoke last (it waits for the server: not accepted, stuck handler), so
     * a reopened case can draw where a connection sat idle without the capture. Other positions (first FIN, RST,
     * retransmissions) are in microseconds from the first packet, as connections on loopback last well under 1 ms.
     */
    static String idle(Connection c) {
        long[] p = c.idlePeriods();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < p.length; i += 3) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append((p[i] - c.firstTime()) / 1_000_000).append('+').append(p[i + 1] / 1_000_000);
            if (p[i + 2] == 0) {
                s.append('w');
            }
        }
        return s.toString();
    }

    /**
     * The connection's messages as "c0:517,s835+12:141": who sent it (c client, s server), when its first segment was
     * seen in microseconds from the connection's first packet, "+" how long until its last segment when it took more
     * than one, and its payload bytes. Other sources' socket reads and writes are paired with these.
     */
    static String messages(Connection c) {
        if (c.messageCount() == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder(c.messageCount() * 12);
        for (int k = 0; k < c.messageCount(); k++) {
            if (k > 0) {
                s.append(',');
            }
            long first = c.message(k, 0);
            s.append((c.message(k, 2) & 1) == 0 ? 'c' : 's').append((first - c.firstTime()) / 1000);
            long span = (c.message(k, 1) - first) / 1000;
            if (span > 0) {
                s.append('+').append(span);
            }
            s.append(':').append(c.message(k, 2) >>> 1);
        }
        return s.toString();
    }

    private static String offsets(Connection c, long[] times) {
        StringBuilder s = new StringBuilder();
        for (long t : times) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append((t - c.firstTime()) / 1000);
        }
        return s.toString();
    }

    private static long firstFin(Connection c) {
        long a = c.finTime(0);
        long b = c.finTime(1);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static InstantTrack resets(Source.Builder b, TcpTracker tracker, ConnectionRows rows) {
        InstantTrack.Builder t = InstantTrack.builder("TCP resets", GROUP);
        long[] times = tracker.rstTimes();
        int[] conns = tracker.rstConnections();
        int[] dirs = tracker.rstDirections();
        Connection at = new Connection(rows);
        for (int i = 0; i < times.length; i++) {
            Connection c = at.at(conns[i]);
            String by = TcpConnections.who(dirs[i]);
            String from = dirs[i] == 0 ? c.client() : c.server();
            String to = dirs[i] == 0 ? c.server() : c.client();
            t.add(times[i], b.intern("RST " + from + " \u2192 " + to),
                    b.args("from", from, "to", to, "sent_by", by, "connection", Integer.toString(c.id())));
        }
        return t.build();
    }

    /** Open connections after each start and close, both sorted. */
    private static CounterTrack open(long[] starts, long[] closes) {
        CounterTrack.Builder t = CounterTrack.builder("open connections", GROUP, "connections");
        int i = 0;
        int j = 0;
        long open = 0;
        while (i < starts.length || j < closes.length) {
            long time;
            if (j >= closes.length || (i < starts.length && starts[i] <= closes[j])) {
                time = starts[i++];
                open++;
            } else {
                time = closes[j++];
                open--;
            }
            boolean sameTimeNext = (i < starts.length && starts[i] == time) || (j < closes.length && closes[j] == time);
            if (!sameTimeNext) {
                t.add(time, open);
            }
        }
        return t.build();
    }

    /** Events per second from sorted times, with a zero after each quiet stretch so the line drops between bursts. */
    private static CounterTrack rate(String name, long[] times) {
        CounterTrack.Builder t = CounterTrack.builder(name, GROUP, "/s");
        int i = 0;
        while (i < times.length) {
            long second = Math.floorDiv(times[i], SECOND);
            int n = 0;
            while (i < times.length && Math.floorDiv(times[i], SECOND) == second) {
                i++;
                n++;
            }
            t.add(second * SECOND, n);
            boolean nextAdjacent = i < times.length && Math.floorDiv(times[i], SECOND) == second + 1;
            if (!nextAdjacent && second < Long.MAX_VALUE / SECOND - 1) {
                t.add((second + 1) * SECOND, 0);
            }
        }
        return t.build();
    }
}
