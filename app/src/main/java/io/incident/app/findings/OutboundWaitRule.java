package io.incident.app.findings;

import io.incident.model.SampleTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Missing client timeouts: in a goroutine dump, many goroutines waiting inside an outbound HTTP call (Go's
 * {@code net/http.(*Client).Do} waiting on the response), which is what a client without a timeout looks like while its
 * upstream stalls.
 */
final class OutboundWaitRule extends DeclaredRule {
    private static final int MIN_WAITING = 10;

    OutboundWaitRule() {
        super("client-no-timeout", "Outbound calls waiting without a timeout", "goroutine dumps", SourceKind.GOROUTINE_DUMP);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        Finding worst = null;
        long worstCount = 0;
        for (CaseData.Src s : d.of(SourceKind.GOROUTINE_DUMP)) {
            int ti = s.track("goroutine buckets", null);
            if (ti < 0) {
                continue;
            }
            SampleTrack b = (SampleTrack) s.tracks().get(ti);
            StackTable st = s.loaded().source().stacks();
            long n = 0;
            List<Evidence> ev = new ArrayList<>();
            String caller = "";
            long time = s.caseTime(s.loaded().source().minTime());
            for (int i = 0; i < b.size(); i++) {
                String c = callerOfClient(s, st, b.stack(i));
                if (c != null) {
                    n += b.value(i, 0);
                    caller = caller.isEmpty() ? c : caller;
                    ev.add(s.evidence(ti, i, time, "goroutine buckets", b.value(i, 0) + " goroutines in " + c
                            + " waiting on an HTTP response [" + s.label(b.thread(i)) + "]"));
                }
            }
            if (n >= MIN_WAITING && n > worstCount) {
                worstCount = n;
                worst = new Finding(id(), n + " goroutines waiting on outbound HTTP responses", Severity.WARNING, time,
                        time, ev, "In " + s.file() + ", " + n + " goroutines (first in " + caller + ") are blocked "
                        + "inside net/http.(*Client).Do waiting for an upstream's response. With http.DefaultClient "
                        + "(no Timeout) a stalled upstream holds every caller, its connection and its request.",
                        "Use an http.Client with a Timeout, or pass a context with a deadline to the request, and "
                                + "bound concurrency towards the upstream.");
            }
        }
        return worst == null ? List.of() : List.of(worst);
    }

    /** The application function that called net/http's client, when the stack is inside one; else null. */
    private static String callerOfClient(CaseData.Src s, StackTable st, int stack) {
        int[] frames = st.framesRootFirst(stack);
        for (int k = 1; k < frames.length; k++) {
            String fn = s.label(st.frameFunction(frames[k]));
            if (fn.startsWith("net/http.(*Client).")) {
                return s.label(st.frameFunction(frames[k - 1]));
            }
        }
        return null;
    }
}
