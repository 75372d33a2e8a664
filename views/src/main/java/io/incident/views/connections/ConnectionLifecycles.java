package io.incident.views.connections;

import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Builds connection lifecycles from a capture's model alone: the "TCP connections" span track, whose args carry the
 * state, who closed, the handshake time and where the idle gaps, the first FIN, the RST and retransmissions lie
 * (offsets from the first packet: idle periods in milliseconds, the rest in microseconds). Pure: no JavaFX, so it is tested on real captures.
 */
public final class ConnectionLifecycles {
    /** The span track a capture reader writes, one span per connection in the order they appeared. */
    public static final String TRACK = "TCP connections";
    private static final long MS = 1_000_000L;

    private ConnectionLifecycles() {
    }

    /** The source's connection spans, or null when it has none. */
    public static SpanTrack track(Source s) {
        for (Track t : s.tracks()) {
            if (t instanceof SpanTrack st && st.name().equals(TRACK)) {
                return st;
            }
        }
        return null;
    }

    /** Every connection of the source, its times moved onto the case timeline with {@code toCase}. */
    public static List<ConnectionLifecycle> of(Source s, LongUnaryOperator toCase) {
        SpanTrack t = track(s);
        if (t == null) {
            return List.of();
        }
        List<ConnectionLifecycle> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            long start = toCase.applyAsLong(t.start(i));
            long end = Math.max(start, toCase.applyAsLong(t.end(i)));
            out.add(of(i, start, end, s.label(t.label(i)), s.argsOf(t.args(i))));
        }
        return out;
    }

    /** One connection from its span: {@code start}/{@code end} of its first and last packet, and the span's args. */
    public static ConnectionLifecycle of(int id, long start, long end, String spanLabel, Map<String, String> a) {
        String state = a.getOrDefault("state", "");
        long up = number(a, "bytes_client_to_server", 0);
        long down = number(a, "bytes_server_to_client", 0);
        long rst = offset(a, "rst_at_us", start, end);
        long fin = offset(a, "fin_at_us", start, end);
        long rtt = number(a, "handshake_rtt_us", -1);
        boolean opened = "client".equals(a.get("opened_by"));

        // Where the connection stops doing anything: the RST (packets after it are stragglers).
        long stop = rst >= 0 ? rst : end;
        List<ConnectionLifecycle.Segment> phases = new ArrayList<>();
        long cursor = start;
        if (opened) {
            long hsEnd = rtt >= 0 ? Math.min(stop, start + rtt * 1000) : stop;
            phases.add(new ConnectionLifecycle.Segment(Phase.HANDSHAKE, start, hsEnd));
            cursor = hsEnd;
        }
        long closing = Math.max(cursor, fin >= 0 && fin < stop ? fin : stop);
        for (long[] gap : idle(a.get("idle"), start)) {
            Phase quiet = gap[2] == 1 ? Phase.UNANSWERED : Phase.IDLE;
            long gs = Math.max(gap[0], cursor);
            long ge = Math.min(gap[1], closing);
            if (ge <= gs) {
                continue;
            }
            if (gs > cursor) {
                phases.add(new ConnectionLifecycle.Segment(Phase.ACTIVE, cursor, gs));
            }
            phases.add(new ConnectionLifecycle.Segment(quiet, gs, ge));
            cursor = ge;
        }
        if (closing > cursor) {
            phases.add(new ConnectionLifecycle.Segment(Phase.ACTIVE, cursor, closing));
        }
        if (closing < stop) {
            phases.add(new ConnectionLifecycle.Segment(Phase.HALF_CLOSED, closing, stop));
        }
        List<Long> retrans = new ArrayList<>();
        for (String us : split(a.get("retrans_at_us"))) {
            retrans.add(start + parse(us) * 1000);
        }
        return new ConnectionLifecycle(id, a.getOrDefault("client", ""), a.getOrDefault("server", ""), state,
                closeReason(state, a), label(spanLabel), start, end, up, down, number(a, "packets", 0), rst, retrans,
                phases);
    }

    static String closeReason(String state, Map<String, String> a) {
        String closedBy = a.getOrDefault("closed_by", "");
        String by = closedBy.isEmpty() ? "" : " by " + closedBy;
        return switch (state) {
            case "RST" -> "RST by " + a.getOrDefault("rst_by", "?");
            case "FIN" -> "FIN" + by;
            case "half-closed-at-end" -> "half-closed" + by + ", open at end";
            case "open-at-end" -> "open at end";
            default -> state;
        };
    }

    /** The part of a span label after the endpoints ("a → b GET /x" gives "GET /x"). */
    private static String label(String spanLabel) {
        int arrow = spanLabel.indexOf('\u2192');
        if (arrow < 0) {
            return spanLabel;
        }
        int space = spanLabel.indexOf(' ', arrow + 2);
        return space < 0 ? "" : spanLabel.substring(space + 1);
    }

    /** Idle gaps as [start, end, 1 when waiting for the server] in time order from "startMs+lengthMs[w],...". */
    static List<long[]> idle(String encoded, long start) {
        List<long[]> out = new ArrayList<>();
        for (String p : split(encoded)) {
            int plus = p.indexOf('+');
            if (plus <= 0) {
                continue;
            }
            boolean waiting = p.endsWith("w");
            String length = p.substring(plus + 1, waiting ? p.length() - 1 : p.length());
            long s = start + parse(p.substring(0, plus)) * MS;
            out.add(new long[] {s, s + parse(length) * MS, waiting ? 1 : 0});
        }
        out.sort((x, y) -> Long.compare(x[0], y[0]));
        return out;
    }

    private static String[] split(String s) {
        return s == null || s.isEmpty() ? new String[0] : s.split(",");
    }

    private static long offset(Map<String, String> a, String key, long start, long end) {
        long us = number(a, key, -1);
        return us < 0 ? -1 : Math.min(end, start + us * 1000);
    }

    private static long number(Map<String, String> a, String key, long missing) {
        String v = a.get(key);
        return v == null ? missing : parse(v);
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
