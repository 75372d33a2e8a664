package io.incident.app.align;

import io.incident.model.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JFR {@code jdk.SocketRead}/{@code jdk.SocketWrite} events against the capture's messages on connections to the same
 * remote end (see {@link WireMessages} for which moment each event can be). An event names the remote end and a byte
 * count but not the local port, and the same request is often made many times, so one event usually fits many
 * messages. The true offset is the one that most events agree on: every candidate gives an offset (wire time minus
 * event time), and the window of {@link #WINDOW_NANOS} holding candidates of the most distinct events wins, if it
 * beats every window apart from it. An event becomes a pair only when exactly one of its candidates lies in that
 * window. A lone candidate in the whole capture pairs by identity alone.
 */
final class JfrCaptureMatcher {
    /** How far one event's true delay (segment to read return, write call to segment) may differ from another's. */
    static final long WINDOW_NANOS = 5_000_000L;
    /** An event fitting more messages than this says nothing about the offset. */
    static final int MAX_CANDIDATES = 4096;
    /** Votes counted at most; the events with the fewest candidates, which say the most, vote first. */
    static final int MAX_VOTES = 1 << 20;

    private JfrCaptureMatcher() {
    }

    static List<Pair> match(Source capture, Source jfr) {
        List<SocketIo> all = SocketIo.of(jfr);
        Set<String> remotes = all.stream().map(SocketIo::remote).collect(Collectors.toSet());
        if (remotes.isEmpty()) {
            return List.of();
        }
        WireMessages wire = new WireMessages(capture, remotes);
        List<SocketIo> ios = voters(all, wire);
        long[] votes = votes(ios, wire);
        long window = bestWindow(votes, ios.size(), votes.length == 2);
        if (window == Long.MIN_VALUE) {
            return List.of();
        }
        List<Pair> out = new ArrayList<>();
        for (SocketIo io : ios) {
            List<WireMessages.Candidate> in = wire.candidates(io, io.time() + window, io.time() + window + WINDOW_NANOS);
            if (in.size() == 1) {
                WireMessages.Candidate only = in.get(0);
                out.add(new Pair(only.time(), io.time(), "socket " + io.describe() + " (connection "
                        + only.connection().client() + " \u2192 " + only.connection().server() + ", " + only.what() + ")"));
            }
        }
        return out;
    }

    /** The events that fit at least one and at most {@link #MAX_CANDIDATES} moments, fewest first, within the votes. */
    private static List<SocketIo> voters(List<SocketIo> all, WireMessages wire) {
        List<SocketIo> fit = new ArrayList<>();
        for (SocketIo io : all) {
            int n = wire.count(io);
            if (n > 0 && n <= MAX_CANDIDATES) {
                fit.add(io);
            }
        }
        fit.sort(Comparator.comparingInt(wire::count));
        long total = 0;
        int keep = 0;
        while (keep < fit.size() && total + wire.count(fit.get(keep)) <= MAX_VOTES) {
            total += wire.count(fit.get(keep++));
        }
        return fit.subList(0, keep);
    }

    /** Every candidate's delta and event, packed as pairs of longs sorted by delta. */
    private static long[] votes(List<SocketIo> ios, WireMessages wire) {
        int total = 0;
        for (SocketIo io : ios) {
            total += wire.count(io);
        }
        long[] delta = new long[total];
        int[] event = new int[total];
        int n = 0;
        for (int e = 0; e < ios.size(); e++) {
            for (WireMessages.Candidate c : wire.candidates(ios.get(e))) {
                delta[n] = c.time() - ios.get(e).time();
                event[n++] = e;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> delta[i]));
        long[] out = new long[total * 2];
        for (int i = 0; i < total; i++) {
            out[i * 2] = delta[order[i]];
            out[i * 2 + 1] = event[order[i]];
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
