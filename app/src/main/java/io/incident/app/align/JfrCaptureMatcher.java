package io.incident.app.align;

import io.incident.model.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JFR {@code jdk.SocketRead}/{@code jdk.SocketWrite} events against the capture's messages on connections to the same
 * remote end. An event names the remote end and a byte count but not the local port, and the same request is often
 * made many times, so one event usually fits many messages. The true offset is the one that most events agree on:
 * every candidate gives an offset (wire time minus event time), and the window of {@link #WINDOW_NANOS} holding
 * candidates of the most distinct events wins, if it beats every window apart from it. An event becomes a pair only
 * when exactly one of its candidates lies in that window; an event with too many candidates to tell apart is left
 * out. A lone candidate in the whole capture pairs by identity alone.
 */
final class JfrCaptureMatcher {
    /** How far one event's true delay (segment to read return, write call to segment) may differ from another's. */
    static final long WINDOW_NANOS = 5_000_000L;
    /** An event fitting more messages than this says nothing about the offset. */
    static final int MAX_CANDIDATES = 4096;

    private JfrCaptureMatcher() {
    }

    static List<Pair> match(Source capture, Source jfr) {
        WireMessages wire = new WireMessages(capture);
        List<SocketIo> ios = SocketIo.of(jfr);
        List<List<WireMessages.Candidate>> cands = new ArrayList<>();
        int total = 0;
        for (SocketIo io : ios) {
            List<WireMessages.Candidate> c = new ArrayList<>();
            for (WireMessages.Connection conn : wire.to(io.remote())) {
                c.addAll(wire.candidates(io, conn));
            }
            cands.add(c.size() > MAX_CANDIDATES ? List.of() : c);
            total += cands.get(cands.size() - 1).size();
        }
        long[] votes = votes(ios, cands, total);
        long window = bestWindow(votes, ios.size(), total == 1);
        if (window == Long.MIN_VALUE) {
            return List.of();
        }
        List<Pair> out = new ArrayList<>();
        for (int e = 0; e < ios.size(); e++) {
            WireMessages.Candidate only = null;
            int n = 0;
            for (WireMessages.Candidate c : cands.get(e)) {
                long d = c.time() - ios.get(e).time();
                if (d >= window && d <= window + WINDOW_NANOS) {
                    only = c;
                    n++;
                }
            }
            if (n == 1) {
                out.add(new Pair(only.time(), ios.get(e).time(), "socket " + ios.get(e).describe() + " (connection "
                        + only.connection().client() + " \u2192 " + only.connection().server() + ", " + only.what() + ")"));
            }
        }
        return out;
    }

    /** Every candidate's delta and event, packed as pairs of longs sorted by delta. */
    private static long[] votes(List<SocketIo> ios, List<List<WireMessages.Candidate>> cands, int total) {
        long[][] v = new long[total][];
        int n = 0;
        for (int e = 0; e < ios.size(); e++) {
            for (WireMessages.Candidate c : cands.get(e)) {
                v[n++] = new long[] {c.time() - ios.get(e).time(), e};
            }
        }
        Arrays.sort(v, (a, b) -> Long.compare(a[0], b[0]));
        long[] out = new long[total * 2];
        for (int i = 0; i < total; i++) {
            out[i * 2] = v[i][0];
            out[i * 2 + 1] = v[i][1];
        }
        return out;
    }

    /**
     * The lowest delta of the window that holds candidates of the most distinct events, or Long.MIN_VALUE when no window
     * holds two events (one, when it is the capture's only candidate) or another window apart from it holds as many.
     */
    private static long bestWindow(long[] votes, int events, boolean loneCandidate) {
        int n = votes.length / 2;
        int[] distinct = distinctPerWindow(votes, events);
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (best < 0 || distinct[i] > distinct[best]) {
                best = i;
            }
        }
        if (best < 0 || (distinct[best] < 2 && !loneCandidate)) {
            return Long.MIN_VALUE;
        }
        long at = votes[best * 2];
        for (int i = 0; i < n; i++) {
            if (Math.abs(votes[i * 2] - at) > WINDOW_NANOS && distinct[i] >= distinct[best]) {
                return Long.MIN_VALUE;
            }
        }
        return at;
    }

    /** For each vote, how many distinct events have a vote in [its delta, its delta + window]. */
    private static int[] distinctPerWindow(long[] votes, int events) {
        int n = votes.length / 2;
        int[] out = new int[n];
        int[] inWindow = new int[events];
        int distinct = 0;
        int hi = 0;
        for (int lo = 0; lo < n; lo++) {
            while (hi < n && votes[hi * 2] - votes[lo * 2] <= WINDOW_NANOS) {
                if (inWindow[(int) votes[hi * 2 + 1]]++ == 0) {
                    distinct++;
                }
                hi++;
            }
            out[lo] = distinct;
            if (--inWindow[(int) votes[lo * 2 + 1]] == 0) {
                distinct--;
            }
        }
        return out;
    }
}
