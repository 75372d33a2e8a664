package io.incident.app.align;

import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code jdk.SocketRead} or {@code jdk.SocketWrite} of a JFR recording, reduced to what a capture can confirm. The
 * event names the remote end only (the local port is not recorded), so it says which connection it was on only when
 * one connection to that end fits. {@code time} is the moment the wire shows: a read returns just after the segment
 * carrying its bytes (or the peer's FIN, for an end-of-stream read) arrives, so it is the read's end; a write starts
 * just before its segment leaves, so it is the write's start.
 */
public record SocketIo(int track, int event, String remote, boolean read, long bytes, boolean endOfStream, long time) {
    /** The JFR reader's lane of socket events. */
    static final String TRACK = "socket I/O";

    /** The socket events of a recording whose remote end has a numeric address; reads of nothing are left out. */
    public static List<SocketIo> of(Source jfr) {
        List<SocketIo> out = new ArrayList<>();
        List<Track> tracks = jfr.tracks();
        for (int t = 0; t < tracks.size(); t++) {
            if (!(tracks.get(t) instanceof SpanTrack st) || !st.name().equals(TRACK)) {
                continue;
            }
            for (int i = 0; i < st.size(); i++) {
                SocketIo io = of(t, i, st, jfr.argsOf(st.args(i)));
                if (io != null) {
                    out.add(io);
                }
            }
        }
        return out;
    }

    private static SocketIo of(int t, int i, SpanTrack st, Map<String, String> a) {
        String remote = Endpoints.canonical(a.get("address"), a.get("port"));
        if (remote == null) {
            return null;
        }
        boolean read = a.containsKey("bytesRead");
        long bytes = parse(a.get(read ? "bytesRead" : "bytesWritten"));
        boolean eof = read && "true".equals(a.get("endOfStream"));
        if (bytes <= 0 && !eof) {
            return null;
        }
        return new SocketIo(t, i, remote, read, Math.max(0, bytes), eof, read ? st.end(i) : st.start(i));
    }

    private static long parse(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What the event did, for the analyst: "read 141 B from 127.0.0.1:8080". */
    public String describe() {
        if (endOfStream) {
            return "end-of-stream read from " + remote;
        }
        return (read ? "read " : "write ") + bytes + " B " + (read ? "from " : "to ") + remote;
    }
}
