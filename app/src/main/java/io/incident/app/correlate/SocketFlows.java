package io.incident.app.correlate;

import io.incident.app.align.SocketIo;
import io.incident.app.align.WireMessages;
import io.incident.app.session.LoadedSource;
import io.incident.model.Clock;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * JFR socket reads and writes and the capture's connection each was on. The event names the remote end but not the
 * local port, so once the clocks agree it is linked to the only connection to that end open at its moment, or, when
 * several were open, to the only one of them carrying a message of its byte count within {@link #NEAR} of it; an
 * event that still fits several connections is not linked.
 */
final class SocketFlows {
    /** How far apart (case time) an event and its message may be: the alignment's window. */
    static final long NEAR = 5_000_000L;

    private SocketFlows() {
    }

    static void link(List<LoadedSource> sources, int jfr, int capture, List<Flow> out) {
        LoadedSource lj = sources.get(jfr);
        LoadedSource lc = sources.get(capture);
        Clock jc = lj.record().clock();
        Clock cc = lc.record().clock();
        WireMessages wire = new WireMessages(lc.source());
        for (SocketIo io : SocketIo.of(lj.source())) {
            long t = cc.toRaw(jc.toCase(io.time()));
            List<WireMessages.Connection> open = new ArrayList<>();
            for (WireMessages.Connection c : wire.to(io.remote())) {
                if (c.first() - NEAR <= t && t <= c.last() + NEAR) {
                    open.add(c);
                }
            }
            WireMessages.Connection on = open.size() == 1 ? open.get(0) : carrying(wire, io, open, t);
            if (on == null) {
                continue;
            }
            String why = open.size() == 1 ? "the only connection to " + io.remote() + " open at that moment"
                    : "of the " + open.size() + " connections to " + io.remote() + " open then, the only one with a "
                    + (io.endOfStream() ? "FIN from it" : io.bytes() + "-byte message " + (io.read() ? "from" : "to")
                    + " it") + " within 5 ms";
            out.add(new Flow(new EventRef(jfr, io.track(), io.event()), new EventRef(capture, on.track(), on.event()),
                    "socket " + (io.read() ? "read" : "write") + " \u2194 connection", io.describe() + ": " + why));
        }
    }

    /** The one open connection with a message matching the event near its moment, or null when none or several. */
    private static WireMessages.Connection carrying(WireMessages wire, SocketIo io, List<WireMessages.Connection> open,
                                                    long t) {
        WireMessages.Connection found = null;
        for (WireMessages.Connection c : open) {
            for (WireMessages.Candidate m : wire.candidates(io, c)) {
                if (Math.abs(m.time() - t) <= NEAR) {
                    if (found != null && found != c) {
                        return null;
                    }
                    found = c;
                }
            }
        }
        return found;
    }
}
