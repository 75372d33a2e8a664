package io.incident.app.align;

import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moments on the wire a socket event of another source can be, from the capture's connection spans (their
 * {@code data_us} messages and first FIN), indexed by what the event knows: its kind, its remote end and its byte
 * count. A read is the remote end's message of exactly the bytes read, at its last segment (a read that got only
 * part of a message says nothing about which part, so it has no moment); a write is a message of exactly the bytes
 * written to the remote end, at its first segment; an end-of-stream read is the FIN of a connection the remote end
 * closed first. Only connections with one of the given endpoints are indexed, so a capture of 240k connections costs
 * what the events' remote ends have. Times are the capture's raw times.
 */
public final class WireMessages {
    private static final long US = 1000;

    /** One connection of the capture: its span and its ends as {@link Endpoints#canonical} text. */
    public record Connection(int track, int event, String client, String server, long first, long last) {
    }

    /** A moment a socket event can be, on a connection; {@code what} names the message or the FIN. */
    public record Candidate(Connection connection, long time, String what) {
    }

    private final Map<String, Moments> moments = new HashMap<>();
    private final Map<String, Lives> lives = new HashMap<>();
    /** A server's endpoint is on every one of its connections: parse it once. */
    private final Map<String, String> canonical = new HashMap<>();

    public WireMessages(Source capture, Set<String> endpoints) {
        List<Track> tracks = capture.tracks();
        for (int t = 0; t < tracks.size(); t++) {
            if (tracks.get(t) instanceof SpanTrack st && st.name().equals("TCP connections")) {
                for (int i = 0; i < st.size(); i++) {
                    add(capture.argsOf(st.args(i)), t, i, st, endpoints);
                }
            }
        }
        moments.values().forEach(Moments::sort);
        lives.values().forEach(Lives::sort);
    }

    private void add(Map<String, String> a, int t, int i, SpanTrack st, Set<String> endpoints) {
        String client = canonical(a.get("client"));
        String server = canonical(a.get("server"));
        if (client == null || server == null || !(endpoints.contains(client) || endpoints.contains(server))) {
            return;
        }
        Connection c = new Connection(t, i, client, server, st.start(i), st.end(i));
        for (String end : List.of(client, server)) {
            if (endpoints.contains(end)) {
                lives.computeIfAbsent(end, k -> new Lives()).add(c);
            }
        }
        long[] m = parse(a.get("data_us"), c.first());
        for (int k = 0; k < m.length / 3; k++) {
            boolean byClient = (m[k * 3] & 1) == 0;
            String sender = byClient ? client : server;
            String receiver = byClient ? server : client;
            long bytes = m[k * 3] >>> 1;
            moment("r " + sender + " " + bytes, endpoints, sender, c, m[k * 3 + 2], "message " + (k + 1));
            moment("w " + receiver + " " + bytes, endpoints, receiver, c, m[k * 3 + 1], "message " + (k + 1));
        }
        long fin = finOf(a, c.first());
        if (fin >= 0) {
            String by = (fin & 1) == 0 ? client : server;
            moment("f " + by, endpoints, by, c, fin >> 1, "FIN");
        }
    }

    private String canonical(String endpoint) {
        return endpoint == null ? null : canonical.computeIfAbsent(endpoint, Endpoints::canonical);
    }

    private void moment(String key, Set<String> endpoints, String remote, Connection c, long time, String what) {
        if (endpoints.contains(remote)) {
            moments.computeIfAbsent(key, k -> new Moments()).add(new Candidate(c, time, what));
        }
    }

    private static String key(SocketIo io) {
        return io.endOfStream() ? "f " + io.remote() : (io.read() ? "r " : "w ") + io.remote() + " " + io.bytes();
    }

    /** How many moments {@code io} can be, anywhere in the capture. */
    public int count(SocketIo io) {
        Moments m = moments.get(key(io));
        return m == null ? 0 : m.size();
    }

    /** Every moment {@code io} can be, in time order. */
    public List<Candidate> candidates(SocketIo io) {
        Moments m = moments.get(key(io));
        return m == null ? List.of() : m.all;
    }

    /** The moments {@code io} can be with a time in {@code [from, to]}, in time order. */
    public List<Candidate> candidates(SocketIo io, long from, long to) {
        Moments m = moments.get(key(io));
        return m == null ? List.of() : m.between(from, to);
    }

    /** Up to {@code limit} connections with {@code endpoint} at one end that were open at some moment of [from, to]. */
    public List<Connection> openDuring(String endpoint, long from, long to, int limit) {
        Lives l = lives.get(endpoint);
        return l == null ? List.of() : l.overlapping(from, to, limit);
    }

    /** Moments under one key, sorted by time once all are in. */
    private static final class Moments {
        private final List<Candidate> all = new ArrayList<>();
        private long[] times;

        void add(Candidate c) {
            all.add(c);
        }

        void sort() {
            all.sort(Comparator.comparingLong(Candidate::time));
            times = all.stream().mapToLong(Candidate::time).toArray();
        }

        int size() {
            return all.size();
        }

        List<Candidate> between(long from, long to) {
            int a = io.incident.model.Columns.lowerBound(times, from);
            int b = io.incident.model.Columns.lowerBound(times, to + 1);
            return all.subList(a, Math.max(a, b));
        }
    }

    /** The connections at one endpoint by first packet, with the latest last packet so far, to find overlaps fast. */
    private static final class Lives {
        private final List<Connection> all = new ArrayList<>();
        private long[] firsts;
        private long[] latestLast;

        void add(Connection c) {
            all.add(c);
        }

        void sort() {
            all.sort(Comparator.comparingLong(Connection::first));
            firsts = all.stream().mapToLong(Connection::first).toArray();
            latestLast = new long[firsts.length];
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < firsts.length; i++) {
                latest = Math.max(latest, all.get(i).last());
                latestLast[i] = latest;
            }
        }

        List<Connection> overlapping(long from, long to, int limit) {
            List<Connection> out = new ArrayList<>();
            int end = io.incident.model.Columns.lowerBound(firsts, to + 1);
            for (int i = io.incident.model.Columns.lowerBound(latestLast, from); i < end && out.size() < limit; i++) {
                if (all.get(i).last() >= from) {
                    out.add(all.get(i));
                }
            }
            return out;
        }
    }

    /** "c0:517,s835+12:141" into bytes * 2 + sender (0 client), first segment, last segment per message. */
    static long[] parse(String data, long first) {
        if (data == null || data.isEmpty()) {
            return new long[0];
        }
        String[] parts = data.split(",");
        long[] out = new long[parts.length * 3];
        int n = 0;
        for (String p : parts) {
            int colon = p.indexOf(':');
            int plus = p.indexOf('+');
            if (p.length() < 2 || colon < 0 || (p.charAt(0) != 'c' && p.charAt(0) != 's')) {
                continue;
            }
            try {
                long start = first + Long.parseLong(p.substring(1, plus >= 0 ? plus : colon)) * US;
                long span = plus >= 0 ? Long.parseLong(p.substring(plus + 1, colon)) * US : 0;
                out[n * 3] = Long.parseLong(p.substring(colon + 1)) * 2 + (p.charAt(0) == 'c' ? 0 : 1);
                out[n * 3 + 1] = start;
                out[n * 3 + 2] = start + span;
                n++;
            } catch (NumberFormatException e) {
                // A part this build cannot read is left out; the others still pair.
            }
        }
        return Arrays.copyOf(out, n * 3);
    }

    /** The first FIN's time * 2 + who sent it (0 client), or -1: the reader keeps only the first FIN's place. */
    private static long finOf(Map<String, String> a, long first) {
        String at = a.get("fin_at_us");
        String by = a.get("closed_by");
        if (at == null || by == null || !(by.equals("client") || by.equals("server"))) {
            return -1;
        }
        try {
            if (a.get("rst_at_us") != null && Long.parseLong(a.get("rst_at_us")) <= Long.parseLong(at)) {
                return -1; // closed_by names who reset first, not who sent this FIN
            }
            return (first + Long.parseLong(at) * US) * 2 + (by.equals("client") ? 0 : 1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
