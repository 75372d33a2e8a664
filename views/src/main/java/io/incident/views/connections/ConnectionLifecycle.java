package io.incident.views.connections;

import java.util.List;

/**
 * One TCP connection as the view shows it: a table row and a lane of {@link Segment phases} with marks. Times are on
 * the case's timeline (epoch nanoseconds).
 *
 * @param closeReason how it ended, for people: "RST by server", "FIN by client", "open at end"
 * @param label       what was inside, e.g. {@code GET /api/work}; empty when nothing was recognised
 * @param rstTime     the first RST, or -1
 * @param retransmissions times of (the first) retransmissions
 */
public record ConnectionLifecycle(int id, String client, String server, String state, String closeReason,
                                  String label, long start, long end, long bytesToServer, long bytesToClient,
                                  long packets, long rstTime, List<Long> retransmissions, List<Segment> phases) {
    /** One stretch of a lane. */
    public record Segment(Phase phase, long start, long end) {
    }

    public ConnectionLifecycle {
        retransmissions = List.copyOf(retransmissions);
        phases = List.copyOf(phases);
    }

    public long duration() {
        return end - start;
    }

    public int clientPort() {
        return port(client);
    }

    public int serverPort() {
        return port(server);
    }

    /** The longest phase of a kind, in nanoseconds (0 when none). */
    public long longest(Phase p) {
        long m = 0;
        for (Segment s : phases) {
            if (s.phase() == p) {
                m = Math.max(m, s.end() - s.start());
            }
        }
        return m;
    }

    private static int port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
