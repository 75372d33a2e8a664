package io.incident.app.align;

import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages a capture saw on its connections (the reader's {@code data_us}: runs of payload in one direction), by
 * the endpoint at either end, so a socket event that names only its remote end finds every connection it can have
 * been on. Times are the capture's raw times.
 */
public final class WireMessages {
    private static final long US = 1000;

    /** One connection of the capture: its span, its ends as {@link Endpoints#canonical} text, and its messages. */
    public record Connection(int track, int event, String client, String server, long first, long last,
                             long[] messages, long remoteFin) {
        /** Sent by the client (0) or the server (1), first and last segment, bytes: message {@code k}. */
        int sender(int k) {
            return (int) (messages[k * 3] & 1);
        }

        long bytes(int k) {
            return messages[k * 3] >>> 1;
        }

        long firstSegment(int k) {
            return messages[k * 3 + 1];
        }

        long lastSegment(int k) {
            return messages[k * 3 + 2];
        }

        int count() {
            return messages.length / 3;
        }

        /** 0 when {@code endpoint} is the client, 1 the server, -1 neither. */
        int side(String endpoint) {
            return endpoint.equals(client) ? 0 : endpoint.equals(server) ? 1 : -1;
        }
    }

    /** A moment of a connection that a socket event can be: a message, or the remote's FIN for an end-of-stream read. */
    public record Candidate(Connection connection, long time, String what) {
    }

    private final Map<String, List<Connection>> byEndpoint = new HashMap<>();

    public WireMessages(Source capture) {
        List<Track> tracks = capture.tracks();
        for (int t = 0; t < tracks.size(); t++) {
            if (!(tracks.get(t) instanceof SpanTrack st) || !st.name().equals("TCP connections")) {
                continue;
            }
            for (int i = 0; i < st.size(); i++) {
                Map<String, String> a = capture.argsOf(st.args(i));
                String client = Endpoints.canonical(a.get("client"));
                String server = Endpoints.canonical(a.get("server"));
                if (client == null || server == null) {
                    continue;
                }
                Connection c = new Connection(t, i, client, server, st.start(i), st.end(i),
                        parse(a.get("data_us"), st.start(i)), finOf(a, st.start(i)));
                byEndpoint.computeIfAbsent(client, k -> new ArrayList<>()).add(c);
                byEndpoint.computeIfAbsent(server, k -> new ArrayList<>()).add(c);
            }
        }
    }

    /** Every connection with {@code endpoint} at one end. */
    public List<Connection> to(String endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of());
    }

    /**
     * The moments on the wire {@code io} can be: for a read, a message the remote end sent of exactly the bytes read
     * (a read that got only part of a message is not paired: its bytes say nothing about which part), at its last
     * segment; for a write, a message of exactly the bytes written sent to the remote end, at its first segment; for
     * an end-of-stream read, the FIN of a connection the remote end closed first.
     */
    public List<Candidate> candidates(SocketIo io, Connection c) {
        int remote = c.side(io.remote());
        List<Candidate> out = new ArrayList<>();
        if (remote < 0) {
            return out;
        }
        if (io.endOfStream()) {
            if (c.remoteFin() >= 0 && ((c.remoteFin() & 1) == remote)) {
                out.add(new Candidate(c, c.remoteFin() >> 1, "FIN"));
            }
            return out;
        }
        int sender = io.read() ? remote : 1 - remote;
        for (int k = 0; k < c.count(); k++) {
            if (c.sender(k) == sender && c.bytes(k) == io.bytes()) {
                out.add(new Candidate(c, io.read() ? c.lastSegment(k) : c.firstSegment(k), "message " + (k + 1)));
            }
        }
        return out;
    }

    /** "c0:517,s835+12:141" into bytes * 2 + sender, first segment, last segment per message (see the pcap reader). */
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
        return java.util.Arrays.copyOf(out, n * 3);
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
