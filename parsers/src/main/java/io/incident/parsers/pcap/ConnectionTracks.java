package io.incident.parsers.pcap;

import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the tracked connections into the model's tracks: spans, reset instants and per-second counters. */
final class ConnectionTracks {
    private static final String GROUP = "network";
    private static final long SECOND = 1_000_000_000L;

    private ConnectionTracks() {
    }

    static void add(Source.Builder b, TcpTracker tracker, TcpConnections table) {
        if (table.size() == 0) {
            return;
        }
        SpanTrack.Builder spans = SpanTrack.builder("TCP connections", GROUP);
        long[] starts = new long[table.size()];
        long[] ends = new long[table.size()];
        int closed = 0;
        for (Connection c : table.all()) {
            spans.add(c.firstTime(), c.lastTime(), b.intern(label(c)), b.args(args(c)));
            starts[c.id()] = c.firstTime();
            Connection.State s = c.state();
            if (s == Connection.State.FIN || s == Connection.State.RST) {
                ends[closed++] = c.lastTime();
            }
        }
        b.track(spans.build());
        b.track(resets(b, tracker, table));
        Arrays.sort(starts);
        long[] closes = Arrays.copyOf(ends, closed);
        Arrays.sort(closes);
        b.track(open(starts, closes));
        b.track(rate("new connections/s", starts));
        long[] rst = tracker.rstTimes();
        Arrays.sort(rst);
        b.track(rate("resets/s", rst));
        b.track(rate("retransmissions/s", tracker.retransmissionTimes()));
    }

    static String label(Connection c) {
        StringBuilder s = new StringBuilder(c.client()).append(" \u2192 ").append(c.server());
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

    private static String[] args(Connection c) {
        List<String> a = new ArrayList<>(40);
        put(a, "client", c.client());
        put(a, "server", c.server());
        put(a, "state", c.state().text());
        put(a, "opened_by", c.startCaptured() ? "client" : "start not captured");
        put(a, "closed_by", TcpConnections.who(c.closedBy()));
        if (c.rstBy() >= 0) {
            put(a, "rst_by", TcpConnections.who(c.rstBy()));
            put(a, "rst_data_in_flight", Boolean.toString(c.rstWithDataInFlight()));
        }
        put(a, "bytes_client_to_server", Long.toString(c.bytes(0)));
        put(a, "bytes_server_to_client", Long.toString(c.bytes(1)));
        put(a, "packets", Long.toString(c.packets()));
        putCount(a, "retransmissions", c.retransmissions());
        putCount(a, "out_of_order", c.outOfOrder());
        putCount(a, "zero_windows", c.zeroWindows());
        putCount(a, "keep_alives", c.keepAlives());
        put(a, "idle_longest_ms", Long.toString(c.idleLongestNanos() / 1_000_000));
        putCount(a, "idle_total_ms", c.idleTotalNanos() / 1_000_000);
        putCount(a, "half_closed_ms", c.halfClosedNanos() / 1_000_000);
        put(a, "idle", idle(c));
        put(a, "retrans_at_us", offsets(c, c.retransmissionTimes()));
        put(a, "data_us", messages(c));
        if (!c.messagesComplete()) {
            put(a, "data_complete", "false");
        }
        long fin = firstFin(c);
        if (fin >= 0) {
            put(a, "fin_at_us", Long.toString((fin - c.firstTime()) / 1000));
        }
        if (c.rstTime() >= 0) {
            put(a, "rst_at_us", Long.toString((c.rstTime() - c.firstTime()) / 1000));
        }
        if (c.handshakeRttNanos() >= 0) {
            put(a, "handshake_rtt_us", Long.toString(c.handshakeRttNanos() / 1000));
        }
        put(a, "http", c.httpRequest());
        put(a, "http_status", c.httpStatus());
        if (c.http2Preface()) {
            put(a, "http2", "preface");
        }
        put(a, "tls_sni", c.tlsSni());
        put(a, "alpn", c.alpn());
        if (c.tlsHandshakeNanos() >= 0) {
            put(a, "tls_handshake_us", Long.toString(c.tlsHandshakeNanos() / 1000));
        }
        return a.toArray(new String[0]);
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

    private static void put(List<String> a, String key, String value) {
        if (value != null && !value.isEmpty()) {
            a.add(key);
            a.add(value);
        }
    }

    private static void putCount(List<String> a, String key, long n) {
        if (n != 0) {
            put(a, key, Long.toString(n));
        }
    }

    private static InstantTrack resets(Source.Builder b, TcpTracker tracker, TcpConnections table) {
        InstantTrack.Builder t = InstantTrack.builder("TCP resets", GROUP);
        long[] times = tracker.rstTimes();
        int[] conns = tracker.rstConnections();
        int[] dirs = tracker.rstDirections();
        for (int i = 0; i < times.length; i++) {
            Connection c = table.get(conns[i]);
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
