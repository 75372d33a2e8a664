package io.incident.app.correlate;

import io.incident.app.align.SocketIo;
import io.incident.app.align.WireMessages;
import io.incident.app.session.LoadedSource;
import io.incident.model.Clock;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JFR socket reads and writes and the capture's connection each was on. The event names the remote end but not the
 * local port, so once the clocks agree it is linked to the only connection to that end open at its moment, or, when
 * several were open, to the only one of them carrying a message of its byte count (or, for an end-of-stream read, the
 * remote's FIN) within {@link #NEAR} of it; an event that still fits several connections is not linked.
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
        List<SocketIo> ios = SocketIo.of(lj.source());
        Set<String> remotes = ios.stream().map(SocketIo::remote).collect(Collectors.toSet());
        if (remotes.isEmpty()) {
            return;
        }
        WireMessages wire = new WireMessages(lc.source(), remotes);
        for (SocketIo io : ios) {
            long t = cc.toRaw(jc.toCase(io.time()));
            List<WireMessages.Connection> open = wire.openDuring(io.remote(), t - NEAR, t + NEAR, 2);
            WireMessages.Connection on = open.size() == 1 ? open.get(0)
                    : open.isEmpty() ? null : carrying(wire.candidates(io, t - NEAR, t + NEAR));
            if (on == null) {
                continue;
            }
            String why = open.size() == 1 ? "the only connection to " + io.remote() + " open at that moment"
                    : "of the connections to " + io.remote() + " open then, the only one with "
                    + (io.endOfStream() ? "a FIN from it" : "a " + io.bytes() + "-byte message " + (io.read() ? "from"
                    : "to") + " it") + " within 5 ms";
            out.add(new Flow(new EventRef(jfr, io.track(), io.event()), new EventRef(capture, on.track(), on.event()),
                    "socket " + (io.read() ? "read" : "write") + " \u2194 connection", io.describe() + ": " + why));
        }
    }

    /** The one connection the moments near the event are on, or null when none or several. */
    private static WireMessages.Connection carrying(List<WireMessages.Candidate> near) {
        WireMessages.Connection found = null;
        for (WireMessages.Candidate m : near) {
            if (found != null && !found.equals(m.connection())) {
                return null;
            }
            found = m.connection();
        }
        return found;
    }
}
